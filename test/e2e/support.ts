/** What every end-to-end file needs: the real demo servers on loopback and Debian's Chromium. */
import { chromium, type Browser } from 'playwright-core';
import { type RunningDemo, startDemo } from '../../demo/servers.js';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../support/chromium.js';

export interface DemoInBrowser {
  demo: RunningDemo;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the demo on free loopback ports and a browser; `close()` stops both. */
export async function startDemoInBrowser(): Promise<DemoInBrowser> {
  const demo = await startDemo({ host: '127.0.0.1', ports: { demo: 0, companion: 0, emulator: 0 } });
  try {
    const browser = await chromium.launch({ executablePath: findOrInstallChromium(), args: CHROMIUM_ARGS });
    return {
      demo,
      browser,
      async close() {
        await browser.close();
        await demo.close();
      },
    };
  } catch (error) {
    await demo.close();
    throw error;
  }
}
