import fc from 'fast-check';
import { connect } from 'node:net';

/**
 * Raw HTTP/1.1 for a companion process: request lines, headers and body
 * framing no fetch client would send, delivered whole, in pieces, half-closed
 * or cut off, and a small parser for what comes back.
 */

/**
 * `answer`: sent whole, the connection left open until the server closes it
 * (every case so sent is complete or broken early enough for the parser to
 * say so, and asks for `Connection: close`). `half-close`: sent whole, then
 * our side shut. `cut`: only the first `at` bytes, then the socket closed.
 * `reset`: sent whole, then the connection reset (TCP RST) at once.
 */
export type Delivery = { kind: 'answer'; pieces: number } | { kind: 'half-close' } | { kind: 'cut'; at: number } | { kind: 'reset' };

export interface RawCase {
  bytes: Buffer;
  delivery: Delivery;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const ROUTE_TARGETS = ['/session', '/session/refresh', '/session/end', '/session/visitor', '/context', '/healthz', '/healthz?deep=1', '/nope'];

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Bytes without CR or LF, so they stay inside one line. */
const lineBytes = (maxLength: number) =>
  fc.uint8Array({ maxLength }).map((bytes) => Buffer.from(bytes.filter((byte) => byte !== 0x0d && byte !== 0x0a)));

const requestLine = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'CONNECT', 'get', 'PRI', 'FOO', 'M-SEARCH'),
        fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...ROUTE_TARGETS) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('*', 'http://evil.example/session', 'https://companion/healthz', 'healthz', '/a b', '/%', '/\\session', '//session', '/session?%zz=%E0'),
          },
          { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((length) => `/session?${'a'.repeat(length)}`) },
        ),
        fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra', 'http/1.1', ''),
      )
      .map(([method, target, version]) => latin1(`${method} ${target}${version ? ` ${version}` : ''}`)),
  },
  { weight: 1, arbitrary: lineBytes(60) },
  {
    weight: 1,
    arbitrary: fc.tuple(lineBytes(10), fc.constantFrom(...ROUTE_TARGETS)).map(([noise, target]) => Buffer.concat([noise, latin1(` ${target} HTTP/1.1`)])),
  },
);

const headerLine = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('Host: companion.test', 'Host: 127.0.0.1', 'Host: exa mple', 'Host: ', 'Host: a:99999', 'Host: user@evil', 'Host: a\r\nHost: b')
      .map(latin1),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        'Content-Type: application/json',
        'Content-Type: text/plain',
        'Origin: https://shop.example',
        'Origin: https://evil.example',
        'Authorization: Bearer forged.token',
        'Authorization: Basic',
        'Cookie: site_session=forged',
        'Expect: 100-continue',
        'Expect: 999-bogus',
        'Upgrade: websocket\r\nConnection: Upgrade',
        'Upgrade: h2c',
        'X-Forwarded-For: 1.2.3.4, garbage',
        'Access-Control-Request-Method: POST',
      )
      .map(latin1),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), lineBytes(80)).map(([name, value]) => Buffer.concat([latin1(`${name}: `), value])),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map((value) => utf8(`X-Name: ${value.replace(/[\r\n]/g, '')}`)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('No-Colon-Here', 'Bad Name: x', ': empty-name', 'X-Null: a\0b', ' X-Folded: leading-space', 'X-Fold: a\r\n  b').map(latin1),
  },
  { weight: 1, arbitrary: fc.nat({ max: 40_000 }).map((length) => latin1(`X-Big: ${'b'.repeat(length)}`)) },
);

const bodyText = fc.oneof(
  fc.constantFrom('', '{}', '{"name":"Ada"}', '{"identity":"someone-else"}', '{"name":', '[[[[[[[[', 'null', '{"firstMessage":"hi"}'),
  fc.json({ maxDepth: 3 }),
  fc.nat({ max: 100_000 }).map((length) => JSON.stringify({ firstMessage: 'x'.repeat(length) })),
);

const LAST_CHUNK = '\r\n0\r\n\r\n';

const chunked = (body: Buffer, pieces: number) => {
  const size = Math.max(1, Math.ceil(body.length / pieces));
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) {
    const part = body.subarray(at, at + size);
    parts.push(latin1(`${part.length.toString(16)}\r\n`), part, latin1('\r\n'));
  }
  return Buffer.concat([...parts, latin1('0\r\n\r\n')]);
};

type Framing = (body: Buffer) => { headers: string[]; body: Buffer };

/** Framing the parser can finish. */
const wellFramed: fc.Arbitrary<Framing> = fc.oneof(
  fc.constant(() => ({ headers: [] as string[], body: Buffer.alloc(0) })),
  fc.constant((body: Buffer) => ({ headers: [`Content-Length: ${body.length}`], body })),
  fc.integer({ min: 1, max: 4 }).map((pieces) => (body: Buffer) => ({ headers: ['Transfer-Encoding: chunked'], body: chunked(body, pieces) })),
);

/** Framing the parser refuses as soon as it reads it. */
const badlyFramed: fc.Arbitrary<Framing> = fc.oneof(
  fc.constant((body: Buffer) => ({ headers: [`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked'], body })),
  fc.constant((body: Buffer) => ({ headers: [`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`], body })),
  fc.constantFrom('abc', '-1', '1e3', '0x10').map((length) => (body: Buffer) => ({ headers: [`Content-Length: ${length}`], body })),
  fc.constant((body: Buffer) => ({ headers: ['Transfer-Encoding: chunked'], body: Buffer.concat([latin1('zz\r\n'), body, latin1(LAST_CHUNK)]) })),
  fc.constant((body: Buffer) => ({ headers: ['Transfer-Encoding: gzip'], body })),
  fc.constant((body: Buffer) => {
    const hugeExtension = latin1(`1;${'e'.repeat(20_000)}\r\n`);
    return { headers: ['Transfer-Encoding: chunked'], body: Buffer.concat([hugeExtension, body.subarray(0, 1), latin1(LAST_CHUNK)]) };
  }),
);

/** Framing that promises more than is sent: only for deliveries that end the connection themselves. */
const unfinishedFraming: fc.Arbitrary<Framing> = fc.oneof(
  fc.constant((body: Buffer) => ({ headers: [`Content-Length: ${body.length + 100}`], body })),
  fc.constant((body: Buffer) => ({ headers: ['Transfer-Encoding: chunked'], body: Buffer.concat([latin1(`${(body.length + 5).toString(16)}\r\n`), body]) })),
  fc.constant((body: Buffer) => ({ headers: ['Content-Length: 10485760'], body })),
);

const assemble = (line: Buffer, headerLines: Buffer[], framing: { headers: string[]; body: Buffer }) =>
  Buffer.concat([
    line,
    latin1('\r\nConnection: close\r\n'),
    ...headerLines.flatMap((header) => [header, latin1('\r\n')]),
    ...framing.headers.map((header) => latin1(`${header}\r\n`)),
    latin1('\r\n'),
    framing.body,
  ]);

const asksToUpgrade = (header: Buffer) => /connection:\s*upgrade/i.test(header.toString('latin1'));

/** A request whose framing is picked knowing whether its headers ask to upgrade the connection. */
const parts = (framingFor: (upgrade: boolean) => fc.Arbitrary<Framing>) =>
  fc
    .tuple(requestLine, fc.array(headerLine, { maxLength: 6 }), bodyText)
    .chain(([line, headers, text]) => framingFor(headers.some(asksToUpgrade)).map((frame) => assemble(line, headers, frame(utf8(text)))));

/**
 * Node does not report a broken body of a request that asks to upgrade the
 * connection (those bytes are left to an upgrade handler, and the companion
 * has none), so such a request waits for Node's request timeout: it is sent
 * only with deliveries that end the connection themselves.
 */
const answerable = parts((upgrade) => (upgrade ? wellFramed : fc.oneof(wellFramed, badlyFramed)));
const anyFraming = parts(() => fc.oneof(wellFramed, badlyFramed, unfinishedFraming));

export const rawCaseArb: fc.Arbitrary<RawCase> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(answerable, fc.integer({ min: 1, max: 5 }))
      .map(([bytes, pieces]): RawCase => ({ bytes, delivery: { kind: 'answer', pieces } })),
  },
  { weight: 2, arbitrary: anyFraming.map((bytes): RawCase => ({ bytes, delivery: { kind: 'half-close' } })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(anyFraming, fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([bytes, fraction]): RawCase => ({ bytes, delivery: { kind: 'cut', at: Math.max(1, Math.round(bytes.length * fraction)) } })),
  },
  { weight: 2, arbitrary: anyFraming.map((bytes): RawCase => ({ bytes, delivery: { kind: 'reset' } })) },
);

/** Longest a connection that must end by itself may stay open: beyond it the server is hanging. */
const HANG_LIMIT_MS = 15_000;

/**
 * Delivers one case and resolves with everything the server sent before the
 * connection closed; rejects when a connection that should end does not.
 */
export function deliver(port: number, { bytes, delivery }: RawCase): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const hang = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server neither answered nor closed: ${JSON.stringify(bytes.toString('latin1').slice(0, 300))}`));
    }, HANG_LIMIT_MS);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    // The server may close while we still write (it refused early); that is an answer, not a failure.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(hang);
      resolve(Buffer.concat(received));
    });
    socket.on('connect', () => {
      if (delivery.kind === 'cut') {
        socket.write(bytes.subarray(0, delivery.at), () => socket.destroy());
        return;
      }
      if (delivery.kind === 'reset') {
        socket.write(bytes, () => socket.resetAndDestroy());
        return;
      }
      if (delivery.kind === 'half-close') {
        socket.end(bytes);
        return;
      }
      writeInPieces(socket, bytes, delivery.pieces);
    });
  });
}

/** Each piece in its own turn of the event loop, so the parser sees the message arrive in parts. */
function writeInPieces(socket: ReturnType<typeof connect>, bytes: Buffer, pieces: number): void {
  const size = Math.ceil(bytes.length / pieces);
  const next = (at: number) => {
    if (at >= bytes.length || socket.destroyed) return;
    socket.write(bytes.subarray(at, at + size), () => setImmediate(() => next(at + size)));
  };
  next(0);
}

/** The responses in what a server sent on one connection (interim 1xx answers left out). No case sends HEAD, whose answers have no body. */
export function parseResponses(raw: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest: Buffer = raw;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd === -1) throw new Error(`an unfinished response head: ${JSON.stringify(rest.toString('latin1').slice(0, 200))}`);
    const [statusLine = '', ...headerLines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
    if (!Number.isInteger(status)) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
    const headers = Object.fromEntries(
      headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    rest = rest.subarray(headEnd + 4);
    let body: Buffer = Buffer.alloc(0);
    if (status >= 200 && status !== 204 && status !== 304) {
      if (headers['transfer-encoding'] === 'chunked') [body, rest] = unchunk(rest);
      else if (headers['content-length'] !== undefined) {
        const length = Number(headers['content-length']);
        body = rest.subarray(0, length);
        rest = rest.subarray(length);
      } else [body, rest] = [rest, Buffer.alloc(0)];
    }
    if (status >= 200) responses.push({ status, headers, body: body.toString('utf8') });
  }
  return responses;
}

function unchunk(raw: Buffer): [Buffer, Buffer] {
  const parts: Buffer[] = [];
  let rest: Buffer = raw;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
    if (lineEnd === -1 || Number.isNaN(size)) throw new Error('a malformed chunked response');
    rest = rest.subarray(lineEnd + 2);
    if (size === 0) return [Buffer.concat(parts), rest.subarray(rest.indexOf('\r\n') + 2)];
    parts.push(rest.subarray(0, size));
    rest = rest.subarray(size + 2);
  }
}
