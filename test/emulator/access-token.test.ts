import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { verifyAccessToken } from '../../src/emulator/access-token.js';
import { mintToken, options } from './support.js';

/** A token signed correctly with the configured secret but with whatever header and payload a test needs. */
function signedToken(header: object, payload: object, secret = options.apiSecret): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
const validPayload = () => ({
  iss: options.apiKey,
  sub: options.accountSid,
  exp: now() + 600,
  grants: { identity: 'visitor-1', chat: { service_sid: options.serviceSid } },
});
const twilioHeader = { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' };

function rejection(token: string): { code: number; reason: string } {
  const verdict = verifyAccessToken(token, options);
  assert.equal(verdict.valid, false, 'expected the token to be rejected');
  return verdict as { code: number; reason: string };
}

describe('access token verification', () => {
  test('accepts a token minted by twilio.jwt.AccessToken with a ChatGrant', () => {
    const verdict = verifyAccessToken(mintToken('visitor-1', { ttl: 600 }), options);
    assert.ok(verdict.valid);
    assert.equal(verdict.identity, 'visitor-1');
    const secondsLeft = (verdict.expiresAt.getTime() - Date.now()) / 1000;
    assert.ok(secondsLeft > 590 && secondsLeft <= 600, `expiry ${secondsLeft}s away`);
  });

  test('rejects a token signed with another secret (20107)', () => {
    const verdict = rejection(mintToken('visitor-1', { apiSecret: 'some-other-secret' }));
    assert.equal(verdict.code, 20107);
    assert.match(verdict.reason, /signature/);
  });

  test('rejects an expired token (20104)', () => {
    const verdict = rejection(signedToken(twilioHeader, { ...validPayload(), exp: now() - 5 }));
    assert.equal(verdict.code, 20104);
    assert.match(verdict.reason, /expired/);
  });

  test('rejects a token for another service (20106)', () => {
    const verdict = rejection(mintToken('visitor-1', { serviceSid: 'IS' + '7'.repeat(32) }));
    assert.equal(verdict.code, 20106);
    assert.match(verdict.reason, /service/);
  });

  test('rejects a token issued by another API key (20103)', () => {
    assert.equal(rejection(mintToken('visitor-1', { apiKey: 'SK' + '8'.repeat(32) })).code, 20103);
  });

  test('rejects a JWT without the Twilio content type or with another algorithm (20102)', () => {
    const { cty: _omitted, ...plainHeader } = twilioHeader;
    assert.equal(rejection(signedToken(plainHeader, validPayload())).code, 20102);
    assert.equal(rejection(signedToken({ ...twilioHeader, alg: 'none' }, validPayload())).code, 20102);
  });

  test('rejects a token without identity or chat grant (20106)', () => {
    const withGrants = (grants: object) => signedToken(twilioHeader, { ...validPayload(), grants });
    assert.equal(rejection(withGrants({ chat: { service_sid: options.serviceSid } })).code, 20106);
    assert.equal(rejection(withGrants({ identity: 'visitor-1' })).code, 20106);
  });

  test('rejects a token valid for more than 24 hours (20157) and one not valid yet (20105)', () => {
    assert.equal(rejection(signedToken(twilioHeader, { ...validPayload(), exp: now() + 25 * 3600 })).code, 20157);
    assert.equal(rejection(signedToken(twilioHeader, { ...validPayload(), nbf: now() + 60 })).code, 20105);
  });

  test('rejects what is not a JWT at all (20101)', () => {
    assert.equal(rejection('not-a-token').code, 20101);
    assert.equal(rejection('a.b.c').code, 20101);
  });
});
