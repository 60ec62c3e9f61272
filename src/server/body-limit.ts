import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpError } from './errors.js';

export interface BodyRefusals {
  /** The body is over the limit. */
  tooLarge: () => HttpError;
  /** The body broke off while arriving (the client went away, or its stream failed). */
  unreadable: () => HttpError;
}

/**
 * Refuses request bodies over `maxBytes`: by the announced Content-Length
 * before anything is read, else (chunked) by counting the bytes as they
 * arrive. A chunked body that breaks off on the way is refused too.
 */
export function limitRequestBody(maxBytes: number, refuse: BodyRefusals): MiddlewareHandler {
  const countArrivingBytes = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw refuse.tooLarge();
    },
  });
  return async (c, next) => {
    // GET and HEAD have no body; asking for one would make @hono/node-server build a full Request for nothing.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const announced = c.req.header('content-length');
    if (announced !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(announced) > maxBytes) throw refuse.tooLarge();
      return next();
    }
    // Only reading the body can fail here: errors of later handlers never come back through next(),
    // Hono answers them where they are thrown.
    try {
      return await countArrivingBytes(c, next);
    } catch (error) {
      throw error instanceof HttpError ? error : refuse.unreadable();
    }
  };
}
