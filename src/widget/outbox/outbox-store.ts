import type { OutboxEntry } from './outbox-entry.js';

/** Where pending messages wait for their echo, also across reloads. Never rejects. */
export interface OutboxStore {
  /** A conversation's entries, in no particular order. */
  load(conversation: string): Promise<OutboxEntry[]>;
  /** Adds or replaces an entry (by `clientId`). */
  put(entry: OutboxEntry): Promise<void>;
  delete(entry: Pick<OutboxEntry, 'conversation' | 'clientId'>): Promise<void>;
}

/** Entries kept in IndexedDB per conversation; more stay in memory only (they are still sent). */
export const MAX_STORED_ENTRIES = 100;
/** Bytes of files kept in IndexedDB per conversation. */
export const MAX_STORED_FILE_BYTES = 50 * 1024 * 1024;
/** Entries older than this are dropped from IndexedDB, e.g. those of conversations the visitor left. */
export const MAX_STORED_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** An IndexedDB that does not open within this time (blocked, hung) counts as unavailable. */
const OPEN_TIMEOUT_MS = 5_000;

const DATABASE_NAME = 'bridge-chat-outbox';
const ENTRIES = 'entries';
const BY_CONVERSATION = 'conversation';
const BY_CREATED_AT = 'createdAt';

export interface BrowserOutboxStoreOptions {
  /** Tests use their own database. */
  databaseName?: string;
  /** Undefined where IndexedDB is unavailable (e.g. some privacy modes): memory only. */
  indexedDB?: IDBFactory | undefined;
}

/**
 * Keeps every entry in memory and, within the limits above, in IndexedDB.
 * IndexedDB can be missing, refuse to open, or fail a write (quota, private
 * mode): then the entry lives on in memory for the rest of the page's life,
 * and nothing is thrown.
 */
export class BrowserOutboxStore implements OutboxStore {
  // TS-private, not #private: the chat-flow tests forget it to act out a reload.
  private readonly memory = new Map<string, Map<string, OutboxEntry>>();
  /** Per conversation, the bytes of each entry written to IndexedDB, to keep within the limits. */
  readonly #persisted = new Map<string, Map<string, number>>();
  readonly #databaseName: string;
  readonly #factory: IDBFactory | undefined;
  #opening: Promise<IDBDatabase | undefined> | undefined;

  constructor(options: BrowserOutboxStoreOptions = {}) {
    this.#databaseName = options.databaseName ?? DATABASE_NAME;
    this.#factory = 'indexedDB' in options ? options.indexedDB : globalThis.indexedDB;
  }

  async load(conversation: string): Promise<OutboxEntry[]> {
    const byId = new Map<string, OutboxEntry>();
    const database = await this.#database();
    if (database) {
      try {
        const index = database.transaction(ENTRIES).objectStore(ENTRIES).index(BY_CONVERSATION);
        const stored = (await settle(index.getAll(conversation))) as OutboxEntry[];
        this.#persisted.set(conversation, new Map(stored.map((entry) => [entry.clientId, entryBytes(entry)])));
        for (const entry of stored) byId.set(entry.clientId, entry);
      } catch {
        // Unreadable: what memory holds is all there is.
      }
    }
    // Memory is never older than the database.
    for (const entry of this.memory.get(conversation)?.values() ?? []) byId.set(entry.clientId, entry);
    return [...byId.values()];
  }

  async put(entry: OutboxEntry): Promise<void> {
    this.#remember(entry);
    if (!this.#fits(entry)) return;
    const database = await this.#database();
    if (!database) return;
    try {
      const transaction = database.transaction(ENTRIES, 'readwrite');
      transaction.objectStore(ENTRIES).put(entry);
      await completion(transaction);
      this.#persistedOf(entry.conversation).set(entry.clientId, entryBytes(entry));
    } catch {
      // Kept in memory.
    }
  }

  async delete({ conversation, clientId }: Pick<OutboxEntry, 'conversation' | 'clientId'>): Promise<void> {
    this.memory.get(conversation)?.delete(clientId);
    const database = await this.#database();
    if (!database) return;
    try {
      const transaction = database.transaction(ENTRIES, 'readwrite');
      transaction.objectStore(ENTRIES).delete(clientId);
      await completion(transaction);
      this.#persisted.get(conversation)?.delete(clientId);
    } catch {
      // Left behind: found again on load, it is recognised by its echo or dropped by age.
    }
  }

  #remember(entry: OutboxEntry): void {
    let entries = this.memory.get(entry.conversation);
    if (!entries) this.memory.set(entry.conversation, (entries = new Map()));
    entries.set(entry.clientId, entry);
  }

  /** Whether writing the entry keeps its conversation within the limits (an update always does). */
  #fits(entry: OutboxEntry): boolean {
    const persisted = this.#persistedOf(entry.conversation);
    if (persisted.has(entry.clientId)) return true;
    let bytes = entryBytes(entry);
    for (const size of persisted.values()) bytes += size;
    return persisted.size < MAX_STORED_ENTRIES && bytes <= MAX_STORED_FILE_BYTES;
  }

  #persistedOf(conversation: string): Map<string, number> {
    let persisted = this.#persisted.get(conversation);
    if (!persisted) this.#persisted.set(conversation, (persisted = new Map()));
    return persisted;
  }

  #database(): Promise<IDBDatabase | undefined> {
    this.#opening ??= openDatabase(this.#factory, this.#databaseName).then(
      async (database) => {
        await pruneOldEntries(database).catch(() => {});
        return database;
      },
      () => undefined,
    );
    return this.#opening;
  }
}

function entryBytes(entry: OutboxEntry): number {
  return entry.file?.size ?? 0;
}

async function openDatabase(factory: IDBFactory | undefined, name: string): Promise<IDBDatabase> {
  if (!factory) throw new Error('IndexedDB is unavailable');
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => {
    const entries = request.result.createObjectStore(ENTRIES, { keyPath: 'clientId' });
    entries.createIndex(BY_CONVERSATION, 'conversation');
    entries.createIndex(BY_CREATED_AT, 'createdAt');
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('IndexedDB did not open in time')), OPEN_TIMEOUT_MS);
  });
  const database = await Promise.race([settle(request), timeout]).finally(() => clearTimeout(timer));
  // Another tab upgrading (a newer widget) must not be blocked by this one.
  database.onversionchange = () => database.close();
  return database;
}

async function pruneOldEntries(database: IDBDatabase): Promise<void> {
  const transaction = database.transaction(ENTRIES, 'readwrite');
  const cutoff = new Date(Date.now() - MAX_STORED_AGE_MS);
  const byAge = transaction.objectStore(ENTRIES).index(BY_CREATED_AT);
  const cursorRequest = byAge.openCursor(IDBKeyRange.upperBound(cutoff));
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result;
    if (!cursor) return;
    cursor.delete();
    cursor.continue();
  };
  await completion(transaction);
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function completion(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

let shared: BrowserOutboxStore | undefined;

/** The page's one store, so entries kept only in memory outlive a re-created panel. */
export function sharedOutboxStore(): BrowserOutboxStore {
  return (shared ??= new BrowserOutboxStore());
}
