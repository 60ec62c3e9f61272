/** The optional ways `<bridge-chat>` draws attention to unread messages: a tab-title hint and a chime. */

/** How long each of the two titles stays up while the hint alternates. */
const TITLE_FLIP_MS = 1500;

/** Alternates the tab's title with a hint, and puts the page's own title back when stopped. */
export class TitleHint {
  #timer: ReturnType<typeof setInterval> | undefined;
  #pageTitle = '';
  #hint = '';
  /** The title this hint wrote last: any other title means the page retitled itself. */
  #written = '';

  show(hint: string): void {
    if (this.#timer === undefined) {
      this.#pageTitle = document.title;
      this.#timer = setInterval(() => this.#flip(), TITLE_FLIP_MS);
    } else if (hint === this.#hint) {
      return;
    }
    this.#hint = hint;
    this.#write(hint);
  }

  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (document.title === this.#written) document.title = this.#pageTitle;
  }

  #flip(): void {
    if (document.title !== this.#written) this.#pageTitle = document.title;
    this.#write(document.title === this.#hint ? this.#pageTitle : this.#hint);
  }

  #write(title: string): void {
    this.#written = title;
    document.title = title;
  }
}

/** A short, quiet two-note tone made with an oscillator: no audio file to load. */
export class Chime {
  #audio: AudioContext | undefined;

  play(): void {
    try {
      this.#audio ??= new AudioContext();
      // Browsers keep audio suspended until the visitor has interacted with the page: stay silent
      // then, and ask to resume so that a later chime can sound.
      if (this.#audio.state !== 'running') {
        this.#audio.resume().catch(() => {});
        return;
      }
      const now = this.#audio.currentTime;
      const oscillator = this.#audio.createOscillator();
      const gain = this.#audio.createGain();
      oscillator.frequency.setValueAtTime(880, now);
      oscillator.frequency.setValueAtTime(660, now + 0.09);
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.05, now + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.25);
      oscillator.connect(gain).connect(this.#audio.destination);
      oscillator.start(now);
      oscillator.stop(now + 0.25);
    } catch {
      // No Web Audio here: the chime is only a hint.
    }
  }

  close(): void {
    this.#audio?.close().catch(() => {});
    this.#audio = undefined;
  }
}
