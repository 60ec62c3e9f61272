import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface VisualViewportHost extends ReactiveControllerHost {
  /** Whether the host shows something sized to the visible viewport right now (an open floating panel). */
  readonly followsViewport: boolean;
}

/**
 * The part of the page the visitor can see: on a phone the on-screen keyboard covers the bottom
 * of the layout viewport (and `100dvh` does not shrink for it on iOS), so a full-screen panel
 * sized to the visual viewport keeps its composer above the keyboard.
 */
export class VisualViewportController implements ReactiveController {
  /** The visible viewport's height in CSS pixels; undefined where the browser cannot tell. */
  height: number | undefined;
  /** How far the visible viewport is scrolled down the layout viewport (iOS pans it to show the focused input). */
  top: number | undefined;

  constructor(private readonly host: VisualViewportHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.visualViewport?.addEventListener('resize', this.measure);
    window.visualViewport?.addEventListener('scroll', this.measure);
    this.measure();
  }

  hostDisconnected(): void {
    window.visualViewport?.removeEventListener('resize', this.measure);
    window.visualViewport?.removeEventListener('scroll', this.measure);
  }

  private readonly measure = (): void => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const height = Math.round(viewport.height);
    const top = Math.round(viewport.offsetTop);
    if (height === this.height && top === this.top) return;
    this.height = height;
    this.top = top;
    // Measured all along, but only worth a render while something follows it.
    if (this.host.followsViewport) this.host.requestUpdate();
  };
}
