import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { REALTIME_FRAME_MAX_BYTES } from '../limits.js';
import { RealtimeSession, type RealtimeSessionDeps } from './session.js';
import type { Message } from '../classic/store.js';

export const REALTIME_PATH = '/realtime';

export interface RealtimeServer {
  /** Takes over an HTTP upgrade request; anything but the realtime path is refused. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops every client and stops listening for new messages. */
  close(): Promise<void>;
}

/**
 * The realtime WebSocket endpoint for the emulator's browser client. It shares
 * the HTTP server with the REST app and fans every new message out to the
 * sessions allowed to see it.
 */
export function createRealtimeServer(deps: RealtimeSessionDeps): RealtimeServer {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: REALTIME_FRAME_MAX_BYTES });
  const sessions = new Set<RealtimeSession>();
  const fanOut = (message: Message) => {
    for (const session of sessions) session.deliver(message);
  };
  deps.store.on('messageAdded', fanOut);

  sockets.on('connection', (socket) => {
    const session = new RealtimeSession(socket, deps);
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
  });

  return {
    handleUpgrade(request, socket, head) {
      const path = new URL(request.url ?? '/', 'http://emulator').pathname;
      if (path !== REALTIME_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
    },
    close() {
      deps.store.off('messageAdded', fanOut);
      for (const session of sessions) session.terminate();
      sessions.clear();
      return new Promise((resolve) => sockets.close(() => resolve()));
    },
  };
}
