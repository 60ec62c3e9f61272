import type { Context } from 'hono';
import { invalidParameter } from '../errors.js';

/**
 * Reads an Orchestrator request body: a JSON object, as the twilio library
 * sends it (`Content-Type: application/json`). An empty body reads as `{}`,
 * so missing fields are reported by name.
 */
export async function readJsonObject(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw invalidParameter(`Unsupported Content-Type "${contentType ?? ''}": send the body as application/json`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidParameter('Malformed request body: not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidParameter('Malformed request body: expected a JSON object');
  }
  return body;
}
