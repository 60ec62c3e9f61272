// What a site does with the npm package: importing it registers <bridge-chat>.
import '../src/widget/index.js';
