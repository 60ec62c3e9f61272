import type { Context } from 'hono';
import { invalidParameter } from './errors.js';

/**
 * Reads a Twilio v1 request body: `application/x-www-form-urlencoded`, as the
 * twilio library sends it. Decoding is strict, so a malformed body is a 400
 * rather than silently mangled text. Repeated keys keep their last value.
 */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const text = await c.req.text();
  if (text === '') return {};
  const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    throw invalidParameter(
      `Unsupported Content-Type "${contentType ?? ''}": send parameters as application/x-www-form-urlencoded`,
    );
  }
  // No prototype, so a key like `__proto__` is just a key.
  const form: Record<string, string> = Object.create(null);
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const rawKey = separator === -1 ? pair : pair.slice(0, separator);
    const rawValue = separator === -1 ? '' : pair.slice(separator + 1);
    form[decodeFormComponent(rawKey)] = decodeFormComponent(rawValue);
  }
  return form;
}

function decodeFormComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    throw invalidParameter('Malformed request body: invalid percent-encoding');
  }
}
