/**
 * Conversation timers: the ISO 8601 durations Twilio takes in `Timers.Inactive`
 * / `Timers.Closed`, and real timers that fire the state changes they announce.
 */

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in an ISO 8601 duration of days, hours, minutes and seconds (`P1D`, `PT5M`, `PT1.5S`). */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  // `P` and `PT` alone match the pattern but name no duration.
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Math.round(Number(seconds) * 1000);
}

/** setTimeout's ceiling (about 24.8 days); longer waits are re-armed in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * One pending timer per conversation, calling `onDue(sid)` when its moment
 * comes. Timers are unref'd: a waiting conversation never keeps the process alive.
 */
export class TransitionScheduler {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #onDue: (conversationSid: string) => void;

  constructor(onDue: (conversationSid: string) => void) {
    this.#onDue = onDue;
  }

  /** (Re)arms the conversation's timer for `at`; null cancels it. */
  schedule(conversationSid: string, at: Date | null): void {
    this.cancel(conversationSid);
    if (at === null) return;
    const wait = at.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        this.#timers.delete(conversationSid);
        if (wait > MAX_TIMEOUT_MS) this.schedule(conversationSid, at);
        else this.#onDue(conversationSid);
      },
      Math.min(Math.max(0, wait), MAX_TIMEOUT_MS),
    );
    timer.unref();
    this.#timers.set(conversationSid, timer);
  }

  cancel(conversationSid: string): void {
    clearTimeout(this.#timers.get(conversationSid));
    this.#timers.delete(conversationSid);
  }

  cancelAll(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
