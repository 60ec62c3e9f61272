import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies over `maxBytes` with `tooLarge()`: by the announced
 * Content-Length before anything is read, else (chunked) by counting the bytes
 * as they arrive.
 */
export function limitRequestBody(maxBytes: number, tooLarge: () => never): MiddlewareHandler {
  const countArrivingBytes = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return (c, next) => {
    // GET and HEAD have no body; asking for one would make @hono/node-server build a full Request for nothing.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const announced = c.req.header('content-length');
    if (announced !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(announced) > maxBytes ? tooLarge() : next();
    }
    return countArrivingBytes(c, next);
  };
}
