import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Which of some named slots have content in the host's light DOM (a child element with that
 * `slot`), kept current as the page adds, removes or re-slots children. The host forwards only
 * these, so an empty slot takes no room and its built-in fallback (e.g. the greeting text) shows.
 */
export class SlotsController implements ReactiveController {
  /** Replaced (not mutated) on every change, so it can be passed down as a property. */
  filled: ReadonlySet<string> = new Set();
  private readonly observer = new MutationObserver(() => this.check());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly names: readonly string[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer.observe(this.host, { childList: true, subtree: true, attributes: true, attributeFilter: ['slot'] });
    this.check();
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  private check(): void {
    const filled = new Set(
      this.names.filter((name) =>
        [...this.host.children].some((child) => child.getAttribute('slot') === name),
      ),
    );
    if (filled.size === this.filled.size && [...filled].every((name) => this.filled.has(name))) return;
    this.filled = filled;
    this.host.requestUpdate();
  }
}
