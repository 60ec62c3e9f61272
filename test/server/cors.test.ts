import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { cors } from '../../src/server/cors.js';

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

function appWithCors() {
  const app = new Hono();
  app.use(
    cors({
      allowedOrigins: [SHOP],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'X-Site-Session'],
      exposeHeaders: ['Retry-After'],
      maxAgeSeconds: 600,
    }),
  );
  app.get('/hello', (c) => c.json({ hello: 'world' }));
  app.get('/fails', () => {
    throw new Error('boom');
  });
  app.onError((_, c) => c.json({ failed: true }, 500));
  return app;
}

const corsHeaders = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith('access-control-')).sort();

const preflight = (origin: string) =>
  appWithCors().request('/hello', {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
  });

describe('cors', () => {
  it('answers a preflight from an allowed origin with the grant', async () => {
    const response = await preflight(SHOP);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), SHOP);
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET,POST,OPTIONS');
    assert.equal(response.headers.get('access-control-allow-headers'), 'Authorization,X-Site-Session');
    assert.equal(response.headers.get('access-control-max-age'), '600');
    assert.equal(response.headers.get('vary'), 'Origin');
    assert.equal(await response.text(), '');
  });

  it('answers a preflight from any other origin without a single CORS header', async () => {
    const response = await preflight(EVIL);
    assert.equal(response.status, 204);
    assert.deepEqual(corsHeaders(response), []);
    assert.equal(response.headers.get('vary'), 'Origin');
  });

  it('grants an allowed origin on the handler’s response, body untouched', async () => {
    const response = await appWithCors().request('/hello', { headers: { Origin: SHOP } });
    assert.equal(response.headers.get('access-control-allow-origin'), SHOP);
    assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
    assert.equal(response.headers.get('vary'), 'Origin');
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(await response.json(), { hello: 'world' });
  });

  it('grants an allowed origin on error answers too', async () => {
    const response = await appWithCors().request('/fails', { headers: { Origin: SHOP } });
    assert.equal(response.status, 500);
    assert.equal(response.headers.get('access-control-allow-origin'), SHOP);
    assert.deepEqual(await response.json(), { failed: true });
  });

  it('adds nothing but Vary for other origins and for same-origin requests', async () => {
    const elsewhere: Record<string, string>[] = [{ Origin: EVIL }, {}];
    for (const headers of elsewhere) {
      const response = await appWithCors().request('/hello', { headers });
      assert.deepEqual(corsHeaders(response), []);
      assert.equal(response.headers.get('vary'), 'Origin');
      assert.deepEqual(await response.json(), { hello: 'world' });
    }
  });
});
