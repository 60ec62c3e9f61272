import type { Context } from 'hono';
import type { z } from 'zod/mini';
import { badRequest, unauthorized, unreadableBody } from './errors.js';

/** The Bearer credential of a request, undefined when there is no Authorization header. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  if (!match) throw unauthorized('Authorization must be "Bearer <sessionToken>".');
  return match[1];
}

/** Parses an optional JSON body against a schema; an empty body counts as `{}`. */
export async function readJsonBody<T>(c: Context, schema: z.ZodMiniType<T>): Promise<T> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    throw unreadableBody(); // an announced length whose bytes never all came
  }
  let value: unknown = {};
  if (text.trim() !== '') {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) throw badRequest('The request body must be JSON (Content-Type: application/json).');
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest('The request body is not valid JSON.');
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw badRequest(`Invalid request body: ${where}${issue.message}`);
  }
  return result.data;
}
