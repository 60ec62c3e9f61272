import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

/**
 * The part of the page the visitor can see: on a phone the on-screen keyboard covers the bottom
 * of the layout viewport (and `100dvh` does not shrink for it on iOS), so a full-screen panel
 * sized to the visual viewport keeps its composer above the keyboard. Sets `--_viewport-height`
 * and `--_viewport-top` (px) on the host, which only the narrow-viewport styles read.
 */
export class VisualViewportController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.visualViewport?.addEventListener('resize', this.#measure);
    window.visualViewport?.addEventListener('scroll', this.#measure);
    this.#measure();
  }

  hostDisconnected(): void {
    window.visualViewport?.removeEventListener('resize', this.#measure);
    window.visualViewport?.removeEventListener('scroll', this.#measure);
  }

  readonly #measure = (): void => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    this.#host.style.setProperty('--_viewport-height', `${Math.round(viewport.height)}px`);
    this.#host.style.setProperty('--_viewport-top', `${Math.round(viewport.offsetTop)}px`);
  };
}
