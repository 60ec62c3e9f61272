/** The test runner's side of a tab that sleeps (see TAB_SLEEP in stack-protocol.ts). */
import type { ChromeLauncher } from '@web/test-runner-chrome';

type Page = ReturnType<ChromeLauncher['getPage']>;

/**
 * Puts a page to sleep as closing a laptop's lid does: another tab comes to
 * the front (the page turns hidden), the page's scripts are halted, the world
 * around it goes on (`whileAsleep`), and then the scripts go on, finding what
 * happened meanwhile, and the page comes back to the front (visible again).
 *
 * Halted with the debugger rather than frozen (`Page.setWebLifecycleState`):
 * freezing makes Chromium close every WebSocket of the page, the test
 * runner's own included, which ends the test run.
 */
export async function sleepTab(page: Page, whileAsleep: () => Promise<void>): Promise<void> {
  const cover = await page.browser().newPage();
  const debug = await page.createCDPSession();
  try {
    await cover.bringToFront();
    await debug.send('Debugger.enable');
    // Takes effect at the next script the page would run.
    await debug.send('Debugger.pause');
    await whileAsleep();
  } finally {
    // Disabling the debugger also lets a halted page go on (or drops a pause still to come).
    await debug.send('Debugger.disable');
    await debug.detach();
    await page.bringToFront();
    await cover.close();
  }
}
