/** The runner's side of FAIL_NEXT_REQUEST (see stack-protocol.ts). */
import type { ChromeLauncher } from '@web/test-runner-chrome';

type Page = ReturnType<ChromeLauncher['getPage']>;

/**
 * Makes the page's next request for a URL that matches `urlPattern` (`*` for any text) fail with
 * 503, once, as a CDN or a network that drops a download does; every other request, and every
 * later one, goes through. Resolves once armed.
 */
export async function failNextRequest(page: Page, urlPattern: string): Promise<void> {
  const cdp = await page.createCDPSession();
  cdp.once('Fetch.requestPaused', ({ requestId }) => {
    cdp
      .send('Fetch.fulfillRequest', { requestId, responseCode: 503, body: '' })
      .then(() => cdp.send('Fetch.disable'))
      .then(() => cdp.detach())
      // The test sees what the page did; a page that closed meanwhile leaves nothing to undo.
      .catch(() => {});
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern, requestStage: 'Request' }] });
}
