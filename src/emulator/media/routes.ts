import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { AccessTokenVerdict } from '../access-token.js';
import { type ApiKeyCredentials, requireApiKey } from '../auth.js';
import { twilioPath } from '../classic/wire.js';
import { forbidden, invalidParameter, payloadTooLarge, resourceNotFound, TwilioApiError } from '../errors.js';
import type { MediaRecord, MediaStore } from './store.js';
import { serializeMedia } from './wire.js';

export interface MediaApis {
  /** The Media Content Service (`https://mcs.us1.twilio.com/v1`); mount at `/mcs/v1`, before the app's Basic auth. */
  mcs: Hono<UploaderEnv>;
  /** Signed content URLs (`https://media.us1.twilio.com/{ME}?…`), which carry their own authorization; mount at `/media`. */
  content: Hono;
}

/** Who may use the Media Content Service: the API key (server side), or a chat user's access token. */
export interface MediaAuth extends ApiKeyCredentials {
  verifyToken(token: string): AccessTokenVerdict;
}

type UploaderEnv = { Variables: { author: string } };

/**
 * Browsers upload straight to MCS with their access token, from the site's
 * origin. The token travels in a header, never in a cookie, so any origin may
 * send it; the signed content URLs are open to every origin the same way.
 */
const mcsCors = cors({
  origin: '*',
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['Content-Type', 'X-Twilio-Token'],
  maxAge: 600,
});
const contentCors = cors({ origin: '*', allowMethods: ['GET'] });

/**
 * Media for chat messages, as Twilio serves it. MCS takes HTTP Basic with
 * the API key (uploads by `system`) or, as the SDK sends it, a chat access
 * token for the service in `X-Twilio-Token` (uploads by the token's identity).
 *
 *   POST /v1/Services/{IS}/Media[?Filename=&Category=]   raw bytes with their Content-Type (or one
 *                                                        multipart file) → 201 media resource
 *   GET  /v1/Services/{IS}/Media/{ME}                    → the resource with a fresh content_direct_temporary
 *   GET  /v1/Services/{IS}/Media/{ME}/Content            → the bytes
 *   GET  https://media.us1.twilio.com/{ME}?Expires=&Signature=   → the bytes while the signature holds
 */
export function mediaRoutes(media: MediaStore, serviceSid: string, auth: MediaAuth): MediaApis {
  const signer = media.urls;
  const mcs = new Hono<UploaderEnv>();
  const base = '/Services/:serviceSid/Media';
  const apiKey = requireApiKey(auth);

  mcs.use(mcsCors);
  mcs.use(async (c, next) => {
    const token = c.req.header('x-twilio-token');
    if (token === undefined) {
      c.set('author', 'system');
      return apiKey(c, next);
    }
    const verdict = auth.verifyToken(token);
    if (!verdict.valid) throw new TwilioApiError(401, verdict.code, verdict.reason);
    c.set('author', verdict.identity);
    await next();
  });

  mcs.use('/Services/:serviceSid/*', async (c, next) => {
    if (c.req.param('serviceSid') !== serviceSid) throw resourceNotFound(twilioPath(c.req.path));
    await next();
  });

  const mediaOf = (c: Context): MediaRecord => {
    const found = media.find(c.req.param('media') ?? '');
    if (!found) throw resourceNotFound(twilioPath(c.req.path));
    return found;
  };

  mcs.post(
    base,
    bodyLimit({
      maxSize: media.maxBytes,
      onError: (c) => c.json(payloadTooLarge(media.maxBytes).toBody(), 413),
    }),
    async (c) => {
      const query = uploadQuery.safeParse(c.req.query());
      if (!query.success) throw invalidParameter(`Invalid parameter ${String(query.error.issues[0]?.path[0])}`);
      const upload = await readUpload(c);
      const created = media.add({
        ...upload,
        filename: query.data.Filename ?? upload.filename,
        category: query.data.Category,
        author: c.get('author'),
      });
      return c.json(serializeMedia(serviceSid, created), 201);
    },
  );

  mcs.get(`${base}/:media`, (c) => {
    const found = mediaOf(c);
    return c.json(serializeMedia(serviceSid, found, signer.sign(found.sid)));
  });

  mcs.get(`${base}/:media/Content`, (c) => contentResponse(mediaOf(c)));

  const content = new Hono();
  content.use(contentCors);
  content.get('/:media', (c) => {
    const found = media.find(c.req.param('media'));
    if (!found || !signer.verify(found.sid, c.req.query('Expires'), c.req.query('Signature'))) {
      throw forbidden('The media URL is invalid or has expired; fetch the media again for a new one');
    }
    return contentResponse(found);
  });

  return { mcs, content };
}

const uploadQuery = z.object({
  Filename: z.string().min(1).max(256).optional(),
  Category: z.enum(['media', 'body', 'history']).optional(),
});

interface Upload {
  contentType: string;
  filename?: string;
  bytes: Buffer;
}

/** The raw request body with its Content-Type, or the one file of a multipart form (as the SDK sends it). */
async function readUpload(c: Context): Promise<Upload> {
  const contentType = c.req.header('content-type')?.trim();
  if (!contentType) throw invalidParameter('Missing Content-Type: send the media bytes with their MIME type');
  let upload: Upload;
  if (/^multipart\/form-data\b/i.test(contentType)) {
    const form = await c.req.parseBody().catch(() => {
      throw invalidParameter('Malformed multipart body');
    });
    const files = Object.values(form).filter((value): value is File => value instanceof File);
    const [file] = files;
    if (files.length !== 1 || !file) throw invalidParameter('A multipart upload must carry exactly one file');
    upload = {
      contentType: file.type || 'application/octet-stream',
      ...(file.name ? { filename: file.name } : {}),
      bytes: Buffer.from(await file.arrayBuffer()),
    };
  } else {
    upload = { contentType, bytes: Buffer.from(await c.req.arrayBuffer()) };
  }
  if (upload.bytes.length === 0) throw invalidParameter('The media is empty');
  return upload;
}

function contentResponse(media: MediaRecord): Response {
  return new Response(new Uint8Array(media.bytes), {
    headers: {
      'Content-Type': media.contentType,
      'Content-Length': String(media.size),
      ...(media.filename === null ? {} : { 'Content-Disposition': contentDisposition(media.filename) }),
    },
  });
}

/** `inline` with the name both as a plain ASCII fallback and RFC 5987-encoded. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
