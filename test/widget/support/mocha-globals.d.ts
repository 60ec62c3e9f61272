/**
 * The mocha globals web-test-runner provides in the browser (no @types/mocha
 * in this project): only the forms the widget tests use.
 */
type MochaBody = () => void | Promise<void>;

declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaBody): void;
declare function beforeEach(body: MochaBody): void;
declare function afterEach(body: MochaBody): void;
