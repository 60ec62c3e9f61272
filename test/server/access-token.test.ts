import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { mintAccessToken } from '../../src/server/twilio/access-token.js';

const settings = {
  accountSid: `AC${'1'.repeat(32)}`,
  apiKey: `SK${'2'.repeat(32)}`,
  apiSecret: 'the-api-secret-of-this-test',
  serviceSid: `IS${'3'.repeat(32)}`,
  tokenTtlSeconds: 900,
};

/** Checks the HS256 signature by hand, so the test does not trust the library that signed. */
function decodeVerified(token: string, apiSecret: string) {
  const [header, payload, signature] = token.split('.');
  assert.ok(header && payload && signature, 'three JWT parts');
  const expected = createHmac('sha256', apiSecret).update(`${header}.${payload}`).digest('base64url');
  assert.equal(signature, expected, 'signed with the API secret');
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  return { header: decode(header), payload: decode(payload) };
}

describe('mintAccessToken', () => {
  it('mints an HS256 Conversations token signed with the API secret, for the identity and TTL', () => {
    const now = new Date();
    const minted = mintAccessToken(settings, 'visitor-1', now);
    const { header, payload } = decodeVerified(minted.token, settings.apiSecret);

    assert.deepEqual(header, { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    assert.equal(payload.iss, settings.apiKey);
    assert.equal(payload.sub, settings.accountSid);
    assert.equal(payload.jti, `${settings.apiKey}-${payload.iat}`);
    assert.deepEqual(payload.grants, { identity: 'visitor-1', chat: { service_sid: settings.serviceSid } });
    assert.equal(payload.exp - payload.iat, settings.tokenTtlSeconds);
    assert.equal(minted.expiresAt.getTime(), now.getTime() + settings.tokenTtlSeconds * 1000);
  });

  it('signs each API secret with its own key, also after another secret was used', () => {
    const rotated = { ...settings, apiSecret: 'a-different-api-secret' };
    for (const current of [settings, rotated, settings]) {
      decodeVerified(mintAccessToken(current, 'visitor-2').token, current.apiSecret);
    }
  });
});
