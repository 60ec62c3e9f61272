import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import {
  type ListWindow,
  PINNED,
  slideDown,
  slideUp,
  windowFrom,
  type WindowRange,
  windowRange,
  type WindowRow,
} from './message-window.js';

/** Closer to the end than this (px) counts as reading the newest messages: new ones keep the list at the end. */
const STICK_TO_END_PX = 48;
/**
 * Closer than this (px) to the top or the bottom of the rendered rows, the window
 * slides (or, at the first row, earlier messages may be asked for), so the rows
 * are there before the visitor arrives.
 */
const NEAR_EDGE_PX = 320;

/** A message row on screen and how far (px) its top is below the top of the log. */
interface Anchor {
  key: string;
  offset: number;
}

export interface RowWindowOptions {
  /** The scrolling log, once rendered. Its rows carry `data-key`; message rows' keys start with `m:`. */
  log(): HTMLElement | undefined;
  /** The visitor is near the first row: the host may ask for earlier messages. */
  nearFirstRow(): void;
  /** `settling` went back to false. */
  settled(): void;
}

/** What changed for this render, as the host knows it. */
export interface RowChange {
  /** The rows, or anything that moves them (the typing line below the log). */
  contentChanged: boolean;
  /** Earlier messages came before the first one. */
  prepended: boolean;
  /** The visitor's own message or outbox entry came last: the list goes to it. */
  ownArrived: boolean;
}

/**
 * Which rows of the message list are in the DOM, and where the log is scrolled.
 * A window of rows (message-window.ts) follows the newest while the visitor reads
 * them, slides as the visitor nears its top or bottom, and comes back to the
 * newest when the visitor sends or presses End. Whatever is added or dropped
 * above the row the visitor looks at, that row stays where it was on screen:
 * measured before the render and put back after it, before the browser paints
 * (by hand, so it works the same where the browser has no scroll anchoring).
 */
export class RowWindowController implements ReactiveController {
  /** The rendered rows this render: `rows.slice(range.start, range.end)`. */
  range: WindowRange = { start: 0, end: 0 };
  /** Rows rendered lately are not news (earlier messages, a slide): the host keeps the log busy meanwhile. */
  settling = false;

  #rows: readonly WindowRow[] = [];
  #window: ListWindow = PINNED;
  /** The row to put back where it was once this render is in. */
  #anchor: Anchor | undefined;
  /** Where the visitor was reading after the last scroll or render, for when the log changes width. */
  #reading: Anchor | undefined;
  /** This render ends with the newest row in view. */
  #toNewest = false;
  /** The visitor pressed End: the next render goes to the newest, however far below it is. */
  #newestAsked = false;
  /** The log changed size while the window followed the newest: the next render keeps it in view. */
  #keepNewestInView = false;
  #observed: HTMLElement | undefined;
  /**
   * The log's box changes when the history opens, the on-screen keyboard shows or
   * the phone turns. Called after layout, before paint: the newest stays in view,
   * or the row the visitor was reading goes back where it was as rows reflow.
   */
  readonly #logResize = new ResizeObserver(() => {
    const log = this.#options.log();
    if (this.#window.pinned) {
      this.#keepNewestInView = true;
      this.#host.requestUpdate();
    } else if (log && this.#reading) {
      restoreAnchor(log, this.#reading);
    }
  });

  readonly #host: ReactiveControllerHost;
  readonly #options: RowWindowOptions;

  constructor(
    host: ReactiveControllerHost,
    options: RowWindowOptions,
  ) {
    this.#options = options;
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observe();
  }

  hostDisconnected(): void {
    this.#logResize.disconnect();
    this.#observed = undefined;
  }

  /**
   * Chooses this render's rows and measures what must stay in place. Called from
   * the host's willUpdate, while the DOM still shows the last render.
   */
  plan(rows: readonly WindowRow[], change: RowChange): void {
    const previousRows = this.#rows;
    const previousRange = this.range;
    this.#rows = rows;
    this.#anchor = undefined;
    this.#toNewest = false;
    if (rows.length === 0) {
      this.#window = PINNED;
      this.range = { start: 0, end: 0 };
      return;
    }
    // Reading the newest, it stays in view whatever changes size: rows, or the typing line below.
    const followNewest = change.contentChanged && previousRange.end === previousRows.length && this.#atEnd();
    this.#toNewest =
      previousRows.length === 0 ||
      this.#newestAsked ||
      this.#keepNewestInView ||
      (!change.prepended && (change.ownArrived || followNewest));
    this.#newestAsked = this.#keepNewestInView = false;
    if (this.#toNewest) {
      // Coming from far back: the rows rendered at once are history, not news.
      if (previousRange.end < previousRows.length) this.settling = true;
      this.#window = PINNED;
    } else {
      this.#anchor = this.#visibleAnchor();
      const slid = this.#slideAtEdge(windowRange(rows, this.#window));
      if (slid) this.#window = slid;
      if (change.prepended || slid) this.settling = true;
    }
    this.range = windowRange(rows, this.#window);
  }

  /** Puts the view where `plan` decided. */
  hostUpdated(): void {
    this.#observe();
    const log = this.#options.log();
    const anchor = this.#anchor;
    if (log && this.#toNewest) log.scrollTop = log.scrollHeight;
    else if (log && anchor) restoreAnchor(log, anchor);
    this.#anchor = undefined;
    this.#reading = this.#visibleAnchor();
    this.#toNewest = false;
    this.#checkFirstRow();
    if (this.settling) this.#settleSoon();
  }

  /** For the log's `scroll` event. */
  readonly handleScroll = (): void => {
    const rows = this.#rows;
    const range = this.range;
    this.#reading = this.#visibleAnchor();
    // At the newest row the window follows new messages; scrolled away, it stays on the rows it has.
    if (range.end === rows.length && this.#atEnd()) this.#window = PINNED;
    else if (this.#window.pinned) this.#window = windowFrom(rows, range.start);
    if (this.#slideAtEdge(range)) this.#host.requestUpdate();
    else this.#checkFirstRow();
  };

  /** For the log's `keydown` event: End goes to the newest message, however far below the rendered rows. */
  readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'End' || this.range.end === this.#rows.length) return;
    event.preventDefault();
    this.#newestAsked = true;
    this.#host.requestUpdate();
  };

  #observe(): void {
    const log = this.#options.log();
    if (!log || log === this.#observed) return;
    this.#logResize.observe(log);
    this.#observed = log;
  }

  /** The window one slide towards the edge of the rendered rows the visitor is near, when rows wait beyond it. */
  #slideAtEdge(range: WindowRange): ListWindow | undefined {
    const log = this.#options.log();
    if (!log) return undefined;
    const nearTop = log.scrollTop < NEAR_EDGE_PX;
    const nearBottom = distanceToEnd(log) < NEAR_EDGE_PX;
    // Near both: the rows barely overflow the log, and a slide either way would bring the other edge near.
    if (nearTop && !nearBottom && range.start > 0) return slideUp(this.#rows, range);
    if (nearBottom && !nearTop && range.end < this.#rows.length) return slideDown(this.#rows, range);
    return undefined;
  }

  #checkFirstRow(): void {
    const log = this.#options.log();
    // A hidden list (a returning visitor's panel, loaded out of sight) has no height: it is not near anything.
    if (log?.clientHeight && this.range.start === 0 && log.scrollTop <= NEAR_EDGE_PX) this.#options.nearFirstRow();
  }

  /** Whether the visitor is at the end of the rendered rows (or the list does not scroll at all). */
  #atEnd(): boolean {
    const log = this.#options.log();
    return !log || distanceToEnd(log) < STICK_TO_END_PX;
  }

  /** The first message row on screen. Separators are never anchors: their keys move as earlier messages arrive. */
  #visibleAnchor(): Anchor | undefined {
    const log = this.#options.log();
    if (!log) return undefined;
    const top = log.getBoundingClientRect().top;
    for (const element of log.querySelectorAll<HTMLElement>('[data-key^="m:"]')) {
      const box = element.getBoundingClientRect();
      if (box.bottom > top) return { key: element.dataset['key'] ?? '', offset: box.top - top };
    }
    return undefined;
  }

  /** Ends `settling` two frames on: by then the rows are laid out and known to assistive technology as added while busy. */
  #settleSoon(): void {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        this.settling = false;
        this.#options.settled();
      }),
    );
  }
}

/** Moves the anchored row back to where it was on screen, whatever was added or removed above it. */
function restoreAnchor(log: HTMLElement, anchor: Anchor): void {
  const element = log.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
  if (!element) return;
  const drift = element.getBoundingClientRect().top - log.getBoundingClientRect().top - anchor.offset;
  if (drift !== 0) log.scrollTop += drift;
}

/** How far (px) the bottom of the log's content is below its visible part. */
function distanceToEnd(log: HTMLElement): number {
  return log.scrollHeight - log.scrollTop - log.clientHeight;
}
