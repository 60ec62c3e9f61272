/**
 * The emulator's realtime protocol spoken directly over `ws`, without the
 * browser client: a bench sees every frame the emulator pushes, duplicates
 * included (the browser client drops repeats before anyone could count them).
 */
import { WebSocket } from 'ws';
import type {
  RealtimeEvent,
  RealtimeRequests,
  RealtimeRequestType,
  RealtimeServerFrame,
} from '../../src/emulator/realtime/protocol.js';

type Result<Type extends RealtimeRequestType> = RealtimeRequests[Type]['result'];

export class RealtimeSocket {
  readonly #socket: WebSocket;
  #nextId = 1;
  readonly #waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  /** Called with every pushed event, as soon as its frame is read. */
  onEvent: (event: RealtimeEvent) => void = () => undefined;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.#receive(JSON.parse(data.toString()) as RealtimeServerFrame));
    socket.on('close', () => {
      for (const { reject } of this.#waiting.values()) reject(new Error('the realtime socket closed'));
      this.#waiting.clear();
    });
  }

  /** Connects to `realtimeUrl` and authenticates with a Conversations access token. */
  static async open(realtimeUrl: string, token: string): Promise<RealtimeSocket> {
    const socket = new WebSocket(realtimeUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const realtime = new RealtimeSocket(socket);
    await realtime.request('authenticate', { token });
    return realtime;
  }

  /** Sends one request without waiting for earlier ones; resolves with its result, rejects with its error. */
  request<Type extends RealtimeRequestType>(type: Type, params: RealtimeRequests[Type]['params']): Promise<Result<Type>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.#socket.send(JSON.stringify({ id, type, ...params }));
    });
  }

  close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.close();
    });
  }

  #receive(frame: RealtimeServerFrame): void {
    if (frame.type !== 'response') {
      this.onEvent(frame);
      return;
    }
    const waiting = frame.id === null ? undefined : this.#waiting.get(frame.id);
    if (!waiting) return;
    this.#waiting.delete(frame.id!);
    if (frame.ok) waiting.resolve(frame.result);
    else waiting.reject(new Error(`realtime error ${frame.error.code}: ${frame.error.message}`));
  }
}
