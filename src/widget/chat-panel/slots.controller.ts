import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

/**
 * Which of some named slots have content in the light DOM of the element that forwards them
 * (a child element with that `slot`), kept current as the page adds, removes or re-slots
 * children. The panel renders only these, so an empty slot takes no room and its built-in
 * fallback (e.g. the greeting text) shows.
 */
export class SlotsController implements ReactiveController {
  /** Replaced (not mutated) on every change, so it can be passed down as a property. */
  filled: ReadonlySet<string> = new Set();
  readonly #observer = new MutationObserver(() => this.#check());

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #source: () => Element | undefined;
  readonly #names: readonly string[];

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    names: readonly string[],
    /** The element whose children fill the slots: `<bridge-chat>`, for the panel in its shadow root. */
    source: () => Element | undefined,
  ) {
    this.#names = names;
    this.#source = source;
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    const source = this.#source();
    if (!source) return;
    this.#observer.observe(source, { childList: true, subtree: true, attributes: true, attributeFilter: ['slot'] });
    this.#check();
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  #check(): void {
    const children = [...(this.#source()?.children ?? [])];
    const filled = new Set(this.#names.filter((name) => children.some((child) => child.slot === name)));
    // The names keep their order: the same list is the same set.
    if ([...filled].join() === [...this.filled].join()) return;
    this.filled = filled;
    this.#host.requestUpdate();
  }
}
