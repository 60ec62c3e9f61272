import type { SdkPaginator } from '../../protocol/sdk-shape.js';
import type { RealtimeMessagePage } from '../realtime/protocol.js';
import type { Request } from './connection.js';
import { EmulatorMessage } from './message.js';

export type FetchMessagePage = (anchor: number, direction: 'backwards' | 'forward') => Promise<EmulatorPaginator>;

/** One page of messages, oldest first, like the SDK's Paginator. */
export class EmulatorPaginator implements SdkPaginator<EmulatorMessage> {
  readonly items: EmulatorMessage[];
  readonly #page: RealtimeMessagePage;
  readonly #fetch: FetchMessagePage;

  constructor(page: RealtimeMessagePage, fetch: FetchMessagePage, request: Request) {
    this.items = page.messages.map((message) => new EmulatorMessage(message, request));
    this.#page = page;
    this.#fetch = fetch;
  }

  get hasPrevPage(): boolean {
    return this.#page.prevAnchor !== null;
  }

  get hasNextPage(): boolean {
    return this.#page.nextAnchor !== null;
  }

  /** The older page; does not change this one. */
  prevPage(): Promise<EmulatorPaginator> {
    const anchor = this.#page.prevAnchor;
    return anchor === null ? Promise.reject(new Error('No previous page')) : this.#fetch(anchor, 'backwards');
  }

  /** The newer page; does not change this one. */
  nextPage(): Promise<EmulatorPaginator> {
    const anchor = this.#page.nextAnchor;
    return anchor === null ? Promise.reject(new Error('No next page')) : this.#fetch(anchor, 'forward');
  }
}
