import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SettingsError } from './options.js';

/** Bumped when the snapshot layout changes, so an old file is refused instead of misread. */
const FORMAT_VERSION = 1;

interface StateFileContent<T> {
  format: 'bridge-chat-emulator';
  version: number;
  savedAt: string;
  state: T;
}

/** How often pending changes reach the disk. */
const AUTOSAVE_MS = 1000;

/**
 * Keeps the emulator's state in a JSON file (`--data FILE`): read once at
 * start, written atomically (temp file + rename) shortly after changes and on
 * close. A file that cannot be read is reported and left untouched.
 */
export class StateFile<T> {
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastWritten: string | undefined;

  constructor(
    readonly path: string,
    private readonly snapshot: () => T,
  ) {}

  /** The saved state, or undefined when the file does not exist yet. */
  read(): T | undefined {
    if (!existsSync(this.path)) return undefined;
    let content: Partial<StateFileContent<T>>;
    try {
      content = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<StateFileContent<T>>;
    } catch (error) {
      throw new SettingsError(
        `The emulator data file ${this.path} cannot be read (${(error as Error).message}); fix it or move it away.`,
      );
    }
    if (content.format !== 'bridge-chat-emulator' || content.version !== FORMAT_VERSION || content.state === undefined) {
      throw new SettingsError(
        `The emulator data file ${this.path} is not a bridge-chat emulator state file (format ${FORMAT_VERSION}); fix it or move it away.`,
      );
    }
    this.#lastWritten = JSON.stringify(content.state);
    return content.state;
  }

  /** Starts writing changes in the background. */
  start(): void {
    this.#timer ??= setInterval(() => this.save(), AUTOSAVE_MS);
    this.#timer.unref();
  }

  /** Writes the current state if it changed; stops the background writes when `final`. */
  save(final = false): void {
    if (final && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    const state = JSON.stringify(this.snapshot());
    if (state === this.#lastWritten) return;
    const content = `{"format":"bridge-chat-emulator","version":${FORMAT_VERSION},"savedAt":${JSON.stringify(new Date().toISOString())},"state":${state}}\n`;
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, content);
    renameSync(temporary, this.path);
    this.#lastWritten = state;
  }
}
