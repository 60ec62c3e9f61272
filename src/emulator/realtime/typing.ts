import type { Participant } from '../classic/store.js';

/** Twilio's default typing timeout: typing ends this long after the last `typing()`. */
export const TYPING_TIMEOUT_MS = 5000;

export type TypingChange = (participant: Participant, typing: boolean) => void;

/**
 * Who is typing where: the first `typing` of a participant starts it, each
 * further one extends it, and it ends after the timeout without one (or at
 * once, when the participant sends a message).
 */
export class TypingTracker {
  readonly #timeoutMs: number;
  readonly #changed: TypingChange;
  /** Typing participants with their end timers, by participant SID (unique across conversations). */
  readonly #typing = new Map<string, { participant: Participant; timer: ReturnType<typeof setTimeout> }>();

  constructor(timeoutMs: number, changed: TypingChange) {
    this.#timeoutMs = timeoutMs;
    this.#changed = changed;
  }

  typing(participant: Participant): void {
    const running = this.#typing.get(participant.sid);
    clearTimeout(running?.timer);
    const timer = setTimeout(() => this.stop(participant.sid), this.#timeoutMs);
    this.#typing.set(participant.sid, { participant, timer });
    if (running === undefined) this.#changed(participant, true);
  }

  /** Ends the participant's typing, if it is typing. */
  stop(participantSid: string): void {
    const running = this.#typing.get(participantSid);
    if (running === undefined) return;
    clearTimeout(running.timer);
    this.#typing.delete(participantSid);
    this.#changed(running.participant, false);
  }

  /** Forgets everyone's typing without announcing it (shutdown). */
  clear(): void {
    for (const { timer } of this.#typing.values()) clearTimeout(timer);
    this.#typing.clear();
  }
}
