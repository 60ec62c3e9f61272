import { RequestError } from '@hono/node-server';
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ErrorBody, ErrorCode } from '../protocol/errors.js';

/**
 * Answers for requests the app never sees, because Node's HTTP parser or
 * @hono/node-server refuse them first (bad request lines, headers, framing,
 * Host): the same JSON error body as every other answer, instead of a bare
 * status line, so a client can handle every error one way.
 */

const bodyOf = (code: ErrorCode, message: string): string => JSON.stringify({ error: { code, message } } satisfies ErrorBody);

/** What Node's parser reports, by its error code; anything else is a plain 400. */
const PARSER_ANSWERS: Record<string, [status: number, code: ErrorCode, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'bad_request', 'The request headers are too large.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'payload_too_large', 'The chunk extensions are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'bad_request', 'The request did not arrive in time.'],
};
const NOT_HTTP: [number, ErrorCode, string] = [400, 'bad_request', 'The request is not well-formed HTTP/1.1.'];

function rawAnswer(status: number, code: ErrorCode, message: string): string {
  const body = bodyOf(code, message);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

function answer(response: ServerResponse, status: number, code: ErrorCode, message: string): void {
  response.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
  response.end(bodyOf(code, message));
}

/**
 * For @hono/node-server's `errorHandler`: a request it cannot turn into a
 * `Request` (bad Host, a backslash in the path…) is the client's error. The
 * app answers everything else itself, so anything more is ours.
 */
export function answerUnbuildableRequest(error: unknown): Response {
  const [status, code, message]: [number, ErrorCode, string] =
    error instanceof RequestError
      ? [400, 'bad_request', 'The request target or Host header is malformed.']
      : [500, 'internal_error', 'Something went wrong on our side.'];
  if (status === 500) console.error('bridge-chat companion: unexpected error', error);
  return new Response(bodyOf(code, message), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * HTTP/1.1 requires a Host header. Node would refuse a request without one
 * with a bare 400; the server leaves that check to this, which answers in
 * JSON. True when it answered.
 */
export function refuseMissingHost(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.httpVersion !== '1.1' || request.headers.host !== undefined) return false;
  answer(response, 400, 'bad_request', 'An HTTP/1.1 request needs a Host header.');
  return true;
}

/** Installs the JSON answers on a Node HTTP server (made with `requireHostHeader: false`, see above). */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Answer only on a connection nothing was written to yet: on a reused one the answer could land
    // inside an earlier response. Either way the connection is done.
    if (error.code !== 'ECONNRESET' && socket.writable && (socket as Socket).bytesWritten === 0) {
      socket.write(rawAnswer(...(PARSER_ANSWERS[error.code ?? ''] ?? NOT_HTTP)));
    }
    socket.destroy();
  });
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    answer(response, 417, 'bad_request', 'The only expectation understood is "100-continue".');
  });
  // The companion is no proxy: a CONNECT gets its answer and the connection is closed. Node hands
  // the socket over with no error listener: a client resetting it must not end the process.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end(rawAnswer(405, 'method_not_allowed', 'CONNECT is not supported.'));
  });
}
