import { createApp } from 'vue';
import HelpCenter from './HelpCenter.vue';

const root = document.querySelector<HTMLElement>('#app')!;
createApp(HelpCenter, { sessionUrl: root.dataset.sessionUrl! }).mount(root);
