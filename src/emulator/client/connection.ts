import type { ConnectionState } from '../../protocol/sdk-shape.js';
import type {
  RealtimeError,
  RealtimeEvent,
  RealtimeRequests,
  RealtimeRequestType,
  RealtimeServerFrame,
  SessionGrant,
} from '../realtime/protocol.js';

const RECONNECT_FIRST_DELAY_MS = 250;
const RECONNECT_MAX_DELAY_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** A request the emulator answered with an error; `code` is Twilio's. */
export class RealtimeRequestError extends Error {
  readonly code: number;

  constructor(error: RealtimeError) {
    super(error.message);
    this.name = 'RealtimeRequestError';
    this.code = error.code;
  }
}

/** The socket closed while a request was on the wire: it may or may not have been carried out. */
export class ConnectionLostError extends Error {
  constructor() {
    super('The connection to the emulator was lost');
    this.name = 'ConnectionLostError';
  }
}

export interface ConnectionHooks {
  stateChanged(state: ConnectionState): void;
  /** A token was accepted: on every (re)authentication and every refresh. */
  tokenAccepted(grant: SessionGrant, reconnected: boolean): void;
  authenticationRejected(error: RealtimeRequestError): void;
  event(event: RealtimeEvent): void;
}

export type Request = <Type extends RealtimeRequestType>(
  type: Type,
  params: RealtimeRequests[Type]['params'],
) => Promise<RealtimeRequests[Type]['result']>;

interface PendingRequest {
  frame: string;
  sent: boolean;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The socket to the emulator: authenticates with the current token, answers
 * requests by id (holding them until authenticated), and after a drop
 * reconnects with capped exponential backoff. A rejected token stops it
 * (`denied`) until a new token arrives.
 */
export class RealtimeConnection {
  #state: ConnectionState = 'connecting';
  readonly #url: string;
  readonly #hooks: ConnectionHooks;
  #token: string;
  #socket: WebSocket | undefined;
  #authenticated = false;
  #everAuthenticated = false;
  #shutDown = false;
  #failedAttempts = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, PendingRequest>();
  /** Settles `updateToken` calls made while denied, once the new token is tried. */
  #retryWaiters: { resolve(): void; reject(error: Error): void }[] = [];

  constructor(url: string, token: string, hooks: ConnectionHooks) {
    this.#url = url;
    this.#token = token;
    this.#hooks = hooks;
    this.#open();
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The newest access token (media uploads carry it, as the SDK's do). */
  get token(): string {
    return this.#token;
  }

  readonly request: Request = (type, params) => {
    if (this.#shutDown) return Promise.reject(new Error('The client has been shut down'));
    if (this.#state === 'denied') return Promise.reject(new Error('Access denied: update the token first'));
    return this.#call(type, params, false);
  };

  /** Uses a new token: refreshes the live session, or retries a denied connection with it. */
  async updateToken(token: string): Promise<void> {
    this.#token = token;
    if (this.#authenticated) {
      const grant = await this.#call('updateToken', { token }, false);
      this.#hooks.tokenAccepted(grant, false);
    } else if (this.#state === 'denied') {
      const outcome = new Promise<void>((resolve, reject) => this.#retryWaiters.push({ resolve, reject }));
      this.#open();
      await outcome;
    }
    // Otherwise a (re)connect is under way and will authenticate with the new token.
  }

  /** Closes for good; resolves once the socket is closed. */
  close(): Promise<void> {
    this.#shutDown = true;
    clearTimeout(this.#reconnectTimer);
    this.#rejectPending(new Error('The client has been shut down'), () => true);
    this.#settleRetryWaiters(new Error('The client has been shut down'));
    const socket = this.#socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) {
      this.#setState('disconnected');
      return Promise.resolve();
    }
    this.#setState('disconnecting');
    return new Promise((resolve) => {
      socket.addEventListener('close', () => resolve());
      socket.close(1000, 'client shut down');
    });
  }

  #open(): void {
    this.#setState('connecting');
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => this.#authenticate();
    socket.onmessage = (event) => this.#receive(String(event.data));
    socket.onclose = () => this.#closed(socket);
    // Failures always end in `close`, which is where they are handled.
    socket.onerror = () => undefined;
  }

  #authenticate(): void {
    const token = this.#token;
    const reconnected = this.#everAuthenticated;
    this.#call('authenticate', { token }, true).then(
      (grant) => {
        this.#authenticated = true;
        this.#everAuthenticated = true;
        this.#failedAttempts = 0;
        this.#setState('connected');
        this.#hooks.tokenAccepted(grant, reconnected);
        this.#settleRetryWaiters();
        for (const request of this.#pending.values()) if (!request.sent) this.#transmit(request);
        // A token that arrived while this authentication was in flight still has to reach the server.
        if (this.#token !== token) this.updateToken(this.#token).catch(() => undefined);
      },
      (error: Error) => {
        if (!(error instanceof RealtimeRequestError)) return; // the socket dropped; #closed retries
        this.#setState('denied');
        this.#rejectPending(error, () => true);
        this.#settleRetryWaiters(error);
        this.#hooks.authenticationRejected(error);
        this.#socket?.close();
      },
    );
  }

  #call<Type extends RealtimeRequestType>(
    type: Type,
    params: RealtimeRequests[Type]['params'],
    sendNow: boolean,
  ): Promise<RealtimeRequests[Type]['result']> {
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      const request: PendingRequest = {
        frame: JSON.stringify({ id, type, ...params }),
        sent: false,
        resolve: resolve as (result: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.#pending.delete(id);
          reject(new Error(`The emulator did not answer ${type} in time`));
        }, REQUEST_TIMEOUT_MS),
      };
      this.#pending.set(id, request);
      if (sendNow || this.#authenticated) this.#transmit(request);
    });
  }

  #transmit(request: PendingRequest): void {
    if (this.#socket?.readyState !== WebSocket.OPEN) return;
    this.#socket.send(request.frame);
    request.sent = true;
  }

  #receive(text: string): void {
    const frame = JSON.parse(text) as RealtimeServerFrame;
    if (frame.type !== 'response') {
      if (frame.type === 'tokenExpired') {
        this.#authenticated = false;
        this.#setState('denied');
      }
      this.#hooks.event(frame);
      return;
    }
    // An unreadable-frame error (null id) answers nothing this client sent.
    if (frame.id === null) return;
    const request = this.#pending.get(frame.id);
    if (!request) return;
    this.#pending.delete(frame.id);
    clearTimeout(request.timer);
    if (frame.ok) request.resolve(frame.result);
    else request.reject(new RealtimeRequestError(frame.error));
  }

  #closed(socket: WebSocket): void {
    if (socket !== this.#socket) return;
    this.#socket = undefined;
    this.#authenticated = false;
    if (this.#shutDown) {
      this.#setState('disconnected');
      return;
    }
    if (this.#state === 'denied') {
      this.#rejectPending(new Error('Access denied: update the token first'), () => true);
      return;
    }
    // Requests already on the wire may or may not have been carried out; the caller decides whether to retry.
    this.#rejectPending(new ConnectionLostError(), (request) => request.sent);
    this.#setState('disconnected');
    const backoff = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_FIRST_DELAY_MS * 2 ** this.#failedAttempts++);
    // Jitter keeps many clients from reconnecting in lockstep.
    this.#reconnectTimer = setTimeout(() => this.#open(), backoff * (0.8 + Math.random() * 0.4));
  }

  #rejectPending(error: Error, which: (request: PendingRequest) => boolean): void {
    for (const [id, request] of this.#pending) {
      if (!which(request)) continue;
      this.#pending.delete(id);
      clearTimeout(request.timer);
      request.reject(error);
    }
  }

  #settleRetryWaiters(error?: Error): void {
    const waiters = this.#retryWaiters;
    this.#retryWaiters = [];
    for (const waiter of waiters) if (error) waiter.reject(error);
    else waiter.resolve();
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#hooks.stateChanged(state);
  }
}
