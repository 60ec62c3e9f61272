import fc from 'fast-check';

/**
 * Generated HTTP requests for the companion, as `app.request()` takes them:
 * every route and method plus unknown ones, broken and hostile headers,
 * bodies that are malformed, mistyped, huge, deep or break off on the way,
 * and credentials that are forged, expired, tampered or meant for something
 * else. Only what a fetch `Request` can carry; raw HTTP lives in
 * fuzz-raw-http.ts.
 */

/** Every route the companion has, with its method. */
export const ROUTES = [
  { method: 'POST', path: '/session' },
  { method: 'GET', path: '/session/visitor' },
  { method: 'POST', path: '/session/refresh' },
  { method: 'POST', path: '/session/end' },
  { method: 'GET', path: '/context' },
  { method: 'GET', path: '/healthz' },
] as const;

/** The routes that act for a session, named by its Bearer token. */
export const BEARER_ROUTES = ROUTES.filter(({ path }) => ['/session', '/session/refresh', '/session/end', '/context'].includes(path));

export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array<ArrayBuffer> }
  /** Sent as a stream of chunks (no Content-Length); `breaksOff` errors it after the first chunk, like a client going away. */
  | { kind: 'stream'; chunks: string[]; breaksOff: boolean };

export interface FuzzRequest {
  method: string;
  /** Path and query. */
  target: string;
  headers: Array<[string, string]>;
  body: FuzzBody;
}

/** Credentials the generators mix in: the real ones, and the forged, stale and misused ones made from them. */
export interface Credentials {
  /** Session tokens the companion issued and still honours. */
  sessionTokens: string[];
  /** Tokens that must never be taken as a session token here: expired, another key, another service, another purpose, Twilio's JWT… */
  rejectedTokens: string[];
  /** A `historyPageToken` the companion handed out. */
  pageTokens: string[];
  /** The site's sign-in JWTs: valid, forged and expired. */
  siteSessions: string[];
  /** SIDs and identities an attacker might name. */
  names: string[];
}

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const charsFrom = (alphabet: string) => fc.constantFrom(...alphabet.split(''));
const token = (maxLength = 20) => fc.string({ unit: charsFrom(TCHARS), minLength: 1, maxLength });

/** What a header value may hold in a fetch Request: visible Latin-1, spaces and tabs (no CR, LF or NUL). */
const headerValue = (maxLength = 120) =>
  fc.string({
    unit: fc
      .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09))
      .map((code) => String.fromCharCode(code)),
    maxLength,
  });

/** Fetch refuses these methods outright, so no `Request` can carry them (the raw HTTP batch sends them). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

const methodArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH') },
  { weight: 1, arbitrary: fc.constantFrom('post', 'get', 'PROPFIND', 'M-SEARCH', 'PURGE', 'LINK') },
  { weight: 1, arbitrary: token(12).filter((method) => !FORBIDDEN_METHODS.has(method.toUpperCase())) },
);

const pathMutations: Array<(path: string) => string> = [
  (path) => `${path}/`,
  (path) => `/${path}`,
  (path) => path.toUpperCase(),
  (path) => `/${path.slice(1).replaceAll('/', '%2F')}`,
  (path) => `${path}%`,
  (path) => `${path}%zz%E0%A4%A`,
  (path) => `${path}/..`,
  (path) => `${path}/./`,
  (path) => `${path}/%00`,
  (path) => `${path}/${'a'.repeat(4_000)}`,
  (path) => `${path};jsessionid=1`,
  (path) => `/chat${path}`,
];

const pathArb = (credentials: Credentials) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...ROUTES.map((route) => route.path)) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...ROUTES.map((route) => route.path)), fc.constantFrom(...pathMutations))
        .map(([path, mutate]) => mutate(path)),
    },
    { weight: 1, arbitrary: fc.webPath().map((path) => (path.startsWith('/') ? path : `/${path}`)) },
    { weight: 1, arbitrary: fc.constantFrom(...credentials.names).map((name) => `/session/${encodeURIComponent(name)}`) },
  );

const queryValue = (credentials: Credentials) =>
  fc.oneof(
    fc
      .constantFrom(...credentials.pageTokens, ...credentials.sessionTokens, ...credentials.rejectedTokens, ...credentials.names)
      .map(encodeURIComponent),
    fc.constantFrom('1', 'true', '0', '', '%', '%zz', '%E0%A4%A', '%00', '..%2F..', 'a'.repeat(3_000)),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
  );

const queryArb = (credentials: Credentials) =>
  fc.option(
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('historyPageToken', 'deep', 'conversationSid', 'conversationId', 'identity', 'profileId', 'sessionToken', 'channelId'),
            token(10),
          ),
          queryValue(credentials),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`),
    { nil: '' },
  );

/** Other spellings of the same signature bytes, which a lenient base64 decoder reads as the original. */
const respellings: Array<(signature: string) => string> = [
  (signature) => signature.replaceAll('-', '+').replaceAll('_', '/'),
  (signature) => `${signature}=`,
  (signature) => `${signature.slice(0, 10)}~${signature.slice(10)}`,
  // The last character of a 32-byte MAC carries two spare bits.
  (signature) => signature.slice(0, -1) + BASE64URL[BASE64URL.indexOf(signature.at(-1)!) ^ 1],
];

/** One token changed the way an attacker would: a character, a cut, an extension, a respelling, or another token's payload. */
export const tamperedToken = (valid: readonly string[]) =>
  fc
    .oneof(
      fc.tuple(fc.constantFrom(...valid), fc.constantFrom(...respellings)).map(([original, respell]) => {
        const [payload, signature = ''] = original.split('.');
        return `${payload}.${respell(signature)}`;
      }),
      fc
        .tuple(fc.constantFrom(...valid), fc.nat(), charsFrom(`${BASE64URL}.+/=~`))
        .map(([original, at, char]) => {
          const index = at % original.length;
          return original.slice(0, index) + char + original.slice(index + 1);
        }),
      fc.tuple(fc.constantFrom(...valid), fc.nat()).map(([original, cut]) => original.slice(0, cut % original.length)),
      fc
        .tuple(fc.constantFrom(...valid), fc.string({ unit: charsFrom(`${BASE64URL}.=`), minLength: 1, maxLength: 8 }))
        .map(([original, tail]) => original + tail),
      fc.tuple(fc.constantFrom(...valid), fc.constantFrom(...valid)).map(([first, second]) => `${first.split('.')[0]}.${second.split('.')[1]}`),
      fc
        .record({
          v: fc.oneof(fc.constant(1), fc.jsonValue()),
          sub: fc.string(),
          cid: fc.string(),
          svc: fc.string(),
          si: fc.constant(1),
          iat: fc.integer(),
          exp: fc.oneof(fc.integer(), fc.constant(9e15)),
        }, { requiredKeys: [] })
        .chain((claims) =>
          fc
            .string({ unit: charsFrom(BASE64URL), minLength: 0, maxLength: 60 })
            .map((signature) => `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`),
        ),
    )
    .filter((candidate) => !valid.includes(candidate));

/** A token the companion must refuse: one of the known bad ones, a tampered real one, or noise. */
export const rejectedToken = (credentials: Credentials) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...credentials.rejectedTokens) },
    { weight: 4, arbitrary: tamperedToken(credentials.sessionTokens) },
    { weight: 1, arbitrary: fc.string({ unit: charsFrom(`${BASE64URL}.~+/=`), minLength: 1, maxLength: 300 }) },
  );

/** An Authorization header that is not `Bearer <a token the companion issued>`. */
export const badAuthorization = (credentials: Credentials) =>
  fc.oneof(
    { weight: 4, arbitrary: rejectedToken(credentials).map((bad) => `Bearer ${bad}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...credentials.sessionTokens), fc.constantFrom('Basic ', 'Token ', '', 'Bearer', 'Bearer  x ', 'Bearer, Bearer '))
        .map(([valid, scheme]) => (scheme.endsWith(' ') ? `${scheme}${valid}` : scheme)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...credentials.sessionTokens).map((valid) => `Bearer ${valid} ${valid}`) },
    { weight: 1, arbitrary: fc.constant(`Basic ${Buffer.from('SK123:secret').toString('base64')}`) },
    { weight: 1, arbitrary: headerValue(200) },
  );

const authorizationArb = (credentials: Credentials) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...credentials.sessionTokens).map((valid) => `Bearer ${valid}`) },
    { weight: 4, arbitrary: badAuthorization(credentials) },
  );

const cookieArb = (credentials: Credentials) =>
  fc.oneof(
    fc.constantFrom(...credentials.siteSessions).map((jwt) => `site_session=${jwt}`),
    fc.constantFrom(...credentials.siteSessions).map((jwt) => `theme=dark; site_session=${jwt}; site_session=forged`),
    fc.constantFrom(...credentials.sessionTokens).map((valid) => `sessionToken=${valid}`),
    headerValue(200),
  );

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/json-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  ';;;',
];

/** The allowlisted origin first, then origins that only look like it. */
const ORIGINS = [
  'https://shop.example',
  'https://evil.example',
  'null',
  'https://shop.example.evil.com',
  'http://shop.example',
  'https://shop.example:443',
  'https://SHOP.example',
];

const headersArb = (credentials: Credentials) =>
  fc
    .record(
      {
        authorization: authorizationArb(credentials),
        cookie: cookieArb(credentials),
        'x-site-session': fc.oneof(fc.constantFrom(...credentials.siteSessions), headerValue(100)),
        'content-type': fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: headerValue(60) }),
        'content-length': fc.oneof(
          fc.constantFrom('abc', '-1', '0', '1e3', '99999999999', '65536', '65537', ' 12 '),
          fc.nat({ max: 200_000 }).map(String),
        ),
        'transfer-encoding': fc.constantFrom('chunked', 'gzip, chunked', 'identity'),
        origin: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ORIGINS) }, { weight: 1, arbitrary: headerValue(60) }),
        'access-control-request-method': fc.oneof(methodArb, headerValue(20)),
        'access-control-request-headers': fc.oneof(
          fc.constantFrom('authorization', 'content-type, authorization', 'x-site-session', 'x-evil'),
          headerValue(60),
        ),
        'x-forwarded-for': fc.oneof(fc.ipV4(), fc.ipV6(), headerValue(60)),
        accept: fc.constantFrom('*/*', 'text/html', 'application/json', ''),
      },
      { requiredKeys: [] },
    )
    .chain((known) => fc.array(fc.tuple(token(24), headerValue(80)), { maxLength: 3 }).map((extra) => [...headerEntries(known), ...extra]));

/** Pre-chat fields as the widget's form sends them: each optional, each within its limits (mostly). */
const preChatFields = fc.record(
  {
    name: fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), fc.constantFrom('  Ada Park ', 'Zoë', '李雷', ' ')),
    email: fc.constantFrom('ada@example.com', 'a.b+c@shop.example', 'ADA@EXAMPLE.COM', 'ada@localhost'),
    firstMessage: fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 })),
  },
  { requiredKeys: [] },
);

const wildSessionBody = (credentials: Credentials) => {
  const anyValue = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', 'ada@example.com', 'not-an-email', 'a@b', `${'x'.repeat(300)}@example.com`) },
    { weight: 1, arbitrary: fc.nat({ max: 40_000 }).map((length) => 'é'.repeat(length)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  return fc.record(
    {
      name: anyValue,
      email: anyValue,
      firstMessage: anyValue,
      identity: fc.constantFrom(...credentials.names),
      conversationSid: fc.constantFrom(...credentials.names),
      constructor: fc.constant({ prototype: { admin: true } }),
      extra: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  );
};

/** A `POST /session` body: well-formed pre-chat fields, or the three fields and then some, with values of every type and size. */
export const sessionBodyValue = (credentials: Credentials): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 1, arbitrary: preChatFields }, { weight: 3, arbitrary: wildSessionBody(credentials) });

/** Texts a JSON parser refuses, or accepts with a surprise: duplicate keys, `__proto__`, bare scalars. */
const ODD_JSON = [
  '{',
  '{"name":',
  '{"name":"a",}',
  '{"__proto__":{"name":"x"}}',
  '{"name":"a","name":{}}',
  "{'name':'a'}",
  '{"name":NaN}',
  '\uFEFF{}',
  '{} {}',
  '/*c*/{}',
  'null',
  'true',
  '"x"',
  '1e999',
  ' ',
];

const nested = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const jsonTextArb = (credentials: Credentials) =>
  fc.oneof(
    sessionBodyValue(credentials).map((value) => JSON.stringify(value)),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  );

/** Request bodies of every kind the companion must survive. */
export const bodyArb = (credentials: Credentials): fc.Arbitrary<FuzzBody> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
    { weight: 6, arbitrary: jsonTextArb(credentials).map((text): FuzzBody => ({ kind: 'text', text })) },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc.tuple(jsonTextArb(credentials), fc.nat()).map(([text, cut]) => text.slice(0, cut % Math.max(1, text.length))),
          fc.constantFrom(...ODD_JSON),
          fc.string({ unit: 'binary', maxLength: 200 }),
        )
        .map((text): FuzzBody => ({ kind: 'text', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 40_000 }), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>)
        .map(([depth, kind]): FuzzBody => ({ kind: 'text', text: nested(depth, kind) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 64 * 1024 - 32, max: 300_000 })
        .map((length): FuzzBody => ({ kind: 'text', text: JSON.stringify({ firstMessage: 'x'.repeat(length) }) })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes): FuzzBody => ({ kind: 'bytes', bytes })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(jsonTextArb(credentials), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.nat({ max: 100_000 }))
        .map(([text, parts, breaksOff, padding]): FuzzBody => {
          const whole = padding > 60_000 ? `${text}${' '.repeat(padding)}` : text;
          const size = Math.ceil(whole.length / parts) || 1;
          const chunks = Array.from({ length: parts }, (_, index) => whole.slice(index * size, (index + 1) * size));
          return { kind: 'stream', chunks, breaksOff };
        }),
    },
  );

const headerEntries = (headers: Record<string, string | undefined>): Array<[string, string]> =>
  Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, value] as [string, string]]));

/**
 * A request a widget could have sent, give or take: a real route with its own
 * method, mostly good credentials and JSON, so that generated requests also
 * get past the first checks and into the routes.
 */
const aimedRequestArb = (credentials: Credentials): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      route: fc.constantFrom(...ROUTES),
      head: fc.boolean(),
      query: queryArb(credentials),
      headers: fc
        .record({
          authorization: fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom(...credentials.sessionTokens).map((valid) => `Bearer ${valid}`) },
            { weight: 2, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: badAuthorization(credentials) },
          ),
          cookie: fc.option(cookieArb(credentials), { freq: 2, nil: undefined }),
          'content-type': fc.oneof(
            { weight: 6, arbitrary: fc.constant('application/json') },
            { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
          ),
          origin: fc.option(fc.constantFrom(...ORIGINS), { nil: undefined }),
        })
        .map(headerEntries),
      body: fc.oneof(
        { weight: 2, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
        { weight: 4, arbitrary: sessionBodyValue(credentials).map((value): FuzzBody => ({ kind: 'text', text: JSON.stringify(value) })) },
        { weight: 1, arbitrary: bodyArb(credentials) },
      ),
    })
    .map(({ route, head, query, headers, body }) => {
      const method = route.method === 'GET' && head ? 'HEAD' : route.method;
      return { method, target: `${route.path}${query}`, headers, body: method === 'POST' ? body : { kind: 'none' } };
    });

/** Anything at all: route or not, method or not, headers and body as they come. */
const wildRequestArb = (credentials: Credentials): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      method: methodArb,
      path: pathArb(credentials),
      query: queryArb(credentials),
      headers: headersArb(credentials),
      body: bodyArb(credentials),
    })
    .map(({ method, path, query, headers, body }) => ({
      method,
      target: `${path}${query}`,
      headers,
      // A fetch Request cannot carry a body with GET or HEAD.
      body: ['GET', 'HEAD'].includes(method.toUpperCase()) ? { kind: 'none' } : body,
    }));

/** Any request: half aimed at a route as a widget would, half wild. */
export const requestArb = (credentials: Credentials): fc.Arbitrary<FuzzRequest> =>
  fc.oneof(aimedRequestArb(credentials), wildRequestArb(credentials));

/** The fetch Request for a generated one. */
export function toRequest({ method, target, headers, body }: FuzzRequest): Request {
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (body.kind === 'text') init.body = body.text;
  if (body.kind === 'bytes') init.body = body.bytes;
  if (body.kind === 'stream') {
    const encoder = new TextEncoder();
    const chunks = [...body.chunks];
    let sent = 0;
    init.body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (body.breaksOff && sent === 1) return controller.error(new Error('the client went away'));
        const chunk = chunks.shift();
        if (chunk === undefined) return controller.close();
        sent += 1;
        controller.enqueue(encoder.encode(chunk));
      },
    });
    init.duplex = 'half';
  }
  // Concatenated, not resolved: a target such as `//session` must stay a path.
  return new Request(`http://companion.test${target}`, init);
}

/** A short description for assertion messages (bodies cut short). */
export function describeRequest({ method, target, headers, body }: FuzzRequest): string {
  const shownBody =
    body.kind === 'text'
      ? JSON.stringify(body.text.slice(0, 120))
      : body.kind === 'stream'
        ? `stream(${body.chunks.length}${body.breaksOff ? ', breaks off' : ''})`
        : body.kind;
  return `${method} ${target.slice(0, 160)} ${JSON.stringify(headers).slice(0, 400)} body=${shownBody}`;
}
