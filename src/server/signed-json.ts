import { createHmac, timingSafeEqual } from 'node:crypto';

const encode = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Small JSON documents the companion hands out and takes back: `body.mac` in
 * base64url, HMAC-SHA256 over a purpose label and the body, so a token made
 * for one purpose is never accepted for another. Several secrets verify (key
 * rotation); the first one signs.
 */
export class SignedJson {
  constructor(
    private readonly secrets: readonly string[],
    private readonly purpose: string,
  ) {}

  sign(payload: object): string {
    const body = encode(JSON.stringify(payload));
    return `${body}.${encode(this.#mac(this.secrets[0]!, body))}`;
  }

  /** The payload of a token signed here for this purpose; undefined for anything forged, tampered or malformed. */
  open(token: string): unknown {
    const [body, signature, ...rest] = token.split('.');
    if (!body || !signature || rest.length > 0) return undefined;
    const given = Buffer.from(signature, 'base64url');
    // Node's decoder skips stray characters and spare bits, so many strings decode to one MAC: only ours is accepted.
    if (encode(given) !== signature) return undefined;
    const ours = this.secrets.some((secret) => {
      const expected = this.#mac(secret, body);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!ours) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  #mac(secret: string, body: string): Buffer {
    return createHmac('sha256', secret).update(`${this.purpose}\n`).update(body).digest();
  }
}
