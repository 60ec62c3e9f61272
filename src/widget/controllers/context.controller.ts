import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { ContextResponse, LinkStatus } from '../../protocol/context.js';
import type { WidgetErrorDetail } from '../errors.js';
import type { ChatController } from './chat.controller.js';
import type { PanelSettings } from '../settings/panel-settings.js';
import type { SessionController } from './session.controller.js';
import { errorDetail } from './error-detail.js';

/** `idle` until the chat is ready, and for good when the host shows neither history nor memory. */
export type ContextStatus = 'idle' | 'loading' | 'ready' | 'error';

/** State of the "load more" request for older history. */
export type HistoryPageStatus = 'idle' | 'loading' | 'error';

/**
 * How often a `pending` or `unavailable` answer is asked again: after
 * `firstDelayMs`, doubling up to `maxDelayMs`; `pending` until `giveUpAfterMs`
 * have passed since the first request, `unavailable` at most `unavailableRetries` times.
 * Mutable so that tests can shorten the waits.
 */
export const contextRecheck = {
  firstDelayMs: 2_000,
  maxDelayMs: 16_000,
  giveUpAfterMs: 120_000,
  unavailableRetries: 3,
};

/** A request that takes longer counts as failed, so the view never waits forever. */
const REQUEST_TIMEOUT_MS = 20_000;

export interface ContextHost extends ReactiveControllerHost, EventTarget {
  readonly settings: Pick<PanelSettings, 'showHistory' | 'showMemory'>;
}

/**
 * The visitor's context from the companion's `GET /context`: whether the chat is
 * linked in Conversation Orchestrator, the earlier conversations and what the
 * company remembers. Loads once the chat is ready, re-checks a `pending` or
 * `unavailable` link with backoff, pages the history, and fires
 * `bridge-chat-context` whenever what it knows changes. Its failures stay
 * here: they never touch the chat.
 */
export class ContextController implements ReactiveController {
  status: ContextStatus = 'idle';
  context: ContextResponse | undefined;
  error: WidgetErrorDetail | undefined;
  historyPage: HistoryPageStatus = 'idle';
  /** Whether another check of an unsettled link is scheduled. */
  rechecking = false;

  /** The conversation the current context belongs to; a new one loads afresh. */
  #loadedFor: string | undefined;
  /** How many messages the chat had at the last update, to notice new ones. */
  #messageCount = 0;
  /** Aborted by every reload and disconnect, so a superseded request drops its result. */
  #run = new AbortController();

  readonly #session: SessionController;
  readonly #host: ContextHost;
  readonly #chat: ChatController;

  constructor(
    host: ContextHost,
    session: SessionController,
    chat: ChatController,
  ) {
    this.#chat = chat;
    this.#host = host;
    this.#session = session;
    host.addController(this);
  }

  get #enabled(): boolean {
    const { showHistory, showMemory } = this.#host.settings;
    return showHistory || showMemory;
  }

  /** The link status to show: `unavailable` only once its retries are used up, `pending` while they run. */
  get linkStatus(): LinkStatus | undefined {
    const status = this.context?.link.status;
    return status === 'unavailable' && this.rechecking ? 'pending' : status;
  }

  hostUpdate(): void {
    if (!this.#enabled) {
      if (this.#loadedFor !== undefined) this.#reset();
      return;
    }
    if (this.#chat.status !== 'ready') return;
    const messages = this.#chat.messages.length;
    if (this.#chat.conversationSid !== this.#loadedFor) {
      void this.reload();
    } else if (messages !== this.#messageCount && this.context?.link.status === 'pending') {
      // The bridge links a chat once it has messages: a new one is the moment to ask again, even
      // after the re-checks gave up.
      void this.#poll(this.#restart());
    }
    this.#messageCount = messages;
  }

  hostDisconnected(): void {
    this.#reset();
  }

  /** Loads the first page afresh (also "Try again"), then re-checks while the link is not settled. */
  async reload(): Promise<void> {
    const signal = this.#restart();
    this.#loadedFor = this.#chat.conversationSid;
    this.status = 'loading';
    this.context = undefined;
    this.error = undefined;
    this.#host.requestUpdate();
    await this.#poll(signal);
  }

  /** Asks for the context, and again with backoff while the link is `pending` or `unavailable`. */
  async #poll(signal: AbortSignal): Promise<void> {
    const startedAt = Date.now();
    for (let check = 0; ; check++) {
      let status: LinkStatus | undefined;
      try {
        const answer = await this.#fetch(undefined, signal);
        if (signal.aborted) return;
        this.status = 'ready';
        this.#update(answer);
        status = answer.link.status;
      } catch (error) {
        if (signal.aborted) return;
        // Only a first load shows its failure; a failed re-check keeps what is shown and tries again on schedule.
        status = this.context?.link.status;
        if (!status) {
          this.status = 'error';
          this.error = errorDetail(error);
          this.#host.requestUpdate();
          return;
        }
      }
      const delay = recheckDelay(status, check, Date.now() - startedAt);
      this.rechecking = delay !== undefined;
      this.#host.requestUpdate();
      if (delay === undefined || !(await sleep(delay, signal))) return;
    }
  }

  /** Appends the next (older) page of history. */
  async loadMore(): Promise<void> {
    const base = this.context;
    const pageToken = base?.history.nextPageToken;
    if (!base || !pageToken || this.historyPage === 'loading') return;
    const { signal } = this.#run;
    this.historyPage = 'loading';
    this.#host.requestUpdate();
    try {
      const page = await this.#fetch(pageToken, signal);
      // A re-check may have replaced the context meanwhile: this page belongs to the old one.
      if (signal.aborted || this.context !== base) return;
      this.historyPage = 'idle';
      this.#update({
        ...base,
        history: { items: [...base.history.items, ...page.history.items], nextPageToken: page.history.nextPageToken },
      });
    } catch {
      if (signal.aborted) return;
      this.historyPage = 'error';
      this.#host.requestUpdate();
    }
  }

  #fetch(pageToken: string | undefined, signal: AbortSignal): Promise<ContextResponse> {
    const timed = AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
    return this.#session.requestContext(pageToken, timed);
  }

  /** Keeps the new context and tells the page, unless nothing changed (an unchanged re-check). */
  #update(context: ContextResponse): void {
    const changed = JSON.stringify(context) !== JSON.stringify(this.context);
    this.context = context;
    this.#host.requestUpdate();
    if (!changed) return;
    this.#host.dispatchEvent(new CustomEvent('bridge-chat-context', { detail: context, bubbles: true, composed: true }));
  }

  #reset(): void {
    this.#restart();
    this.#loadedFor = undefined;
    this.#messageCount = 0;
    this.status = 'idle';
    this.context = undefined;
    this.error = undefined;
    this.#host.requestUpdate();
  }

  /** Cancels whatever is in flight or waiting (a history page too), and returns the signal of the next run. */
  #restart(): AbortSignal {
    this.#run.abort();
    this.#run = new AbortController();
    this.rechecking = false;
    this.historyPage = 'idle';
    return this.#run.signal;
  }
}

/** How long to wait before asking again after the `check`-th answer, or undefined to stop. */
function recheckDelay(status: LinkStatus, check: number, elapsedMs: number): number | undefined {
  const { firstDelayMs, maxDelayMs, giveUpAfterMs, unavailableRetries } = contextRecheck;
  const delay = Math.min(firstDelayMs * 2 ** check, maxDelayMs);
  if (status === 'pending') return elapsedMs + delay <= giveUpAfterMs ? delay : undefined;
  if (status === 'unavailable') return check < unavailableRetries ? delay : undefined;
  return undefined;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', cancel);
      resolve(true);
    }, ms);
    const cancel = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', cancel, { once: true });
  });
}
