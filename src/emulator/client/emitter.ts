type Listener = (...args: never[]) => void;

/** A minimal typed event emitter (the browser client carries no dependencies). */
export class Emitter<Events extends { [Name in keyof Events]: Listener }> {
  readonly #listeners = new Map<keyof Events, Map<Listener, { once: boolean }>>();

  on<Name extends keyof Events>(event: Name, listener: Events[Name]): this {
    return this.#add(event, listener, false);
  }

  once<Name extends keyof Events>(event: Name, listener: Events[Name]): this {
    return this.#add(event, listener, true);
  }

  off<Name extends keyof Events>(event: Name, listener: Events[Name]): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  emit<Name extends keyof Events>(event: Name, ...args: Parameters<Events[Name]>): void {
    const listeners = this.#listeners.get(event);
    if (!listeners) return;
    for (const [listener, { once }] of [...listeners]) {
      if (once) listeners.delete(listener);
      (listener as (...payload: Parameters<Events[Name]>) => void)(...args);
    }
  }

  #add(event: keyof Events, listener: Listener, once: boolean): this {
    let listeners = this.#listeners.get(event);
    if (!listeners) this.#listeners.set(event, (listeners = new Map()));
    listeners.set(listener, { once });
    return this;
  }
}
