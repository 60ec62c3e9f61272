import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpError, unreadableBody } from './errors.js';

/**
 * Refuses request bodies over `maxBytes` with `tooLarge()`: by the announced
 * Content-Length before anything is read, else (chunked) by counting the bytes
 * as they arrive. A chunked body that breaks off on the way (the client went
 * away, or its stream failed) is refused as unreadable.
 */
export function limitRequestBody(maxBytes: number, tooLarge: () => HttpError): MiddlewareHandler {
  const countArrivingBytes = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    // GET and HEAD have no body; asking for one would make @hono/node-server build a full Request for nothing.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const announced = c.req.header('content-length');
    if (announced !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(announced) > maxBytes) throw tooLarge();
      return next();
    }
    // Only reading the body can fail here: errors of later handlers never come back through next(),
    // Hono answers them where they are thrown.
    try {
      return await countArrivingBytes(c, next);
    } catch (error) {
      throw error instanceof HttpError ? error : unreadableBody();
    }
  };
}
