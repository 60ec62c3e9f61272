import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SessionTokens } from '../../src/server/session-token.js';
import { SignedJson } from '../../src/server/signed-json.js';

const SECRET_A = 'a'.repeat(32);
const SECRET_B = 'b'.repeat(32);
const claims = { identity: 'visitor-1', conversationSid: `CH${'1'.repeat(32)}`, serviceSid: `IS${'1'.repeat(32)}` };

describe('SessionTokens', () => {
  it('verifies what it signed and returns the bound claims', () => {
    const tokens = new SessionTokens([SECRET_A], 3600);
    assert.deepEqual(tokens.verify(tokens.sign(claims)), claims);
  });

  it('rejects a token whose payload was changed', () => {
    const tokens = new SessionTokens([SECRET_A], 3600);
    const [, signature] = tokens.sign(claims).split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, sub: 'visitor-2', cid: claims.conversationSid, svc: claims.serviceSid, iat: 0, exp: 9e9 }))
      .toString('base64url');
    assert.equal(tokens.verify(`${forged}.${signature}`), undefined);
  });

  it('rejects a token signed with an unknown secret', () => {
    const theirs = new SessionTokens([SECRET_B], 3600).sign(claims);
    assert.equal(new SessionTokens([SECRET_A], 3600).verify(theirs), undefined);
  });

  it('keeps old tokens valid after rotation and signs with the first secret', () => {
    const old = new SessionTokens([SECRET_A], 3600).sign(claims);
    const rotated = new SessionTokens([SECRET_B, SECRET_A], 3600);
    assert.deepEqual(rotated.verify(old), claims);
    assert.deepEqual(new SessionTokens([SECRET_B], 3600).verify(rotated.sign(claims)), claims);
  });

  it('rejects an expired token', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const tokens = new SessionTokens([SECRET_A], 60, () => now);
    const token = tokens.sign(claims);
    now += 59_000;
    assert.deepEqual(tokens.verify(token), claims);
    now += 2_000;
    assert.equal(tokens.verify(token), undefined);
  });

  it('rejects a token signed with the same secret for another purpose', () => {
    const sessionShaped = { v: 1, sub: claims.identity, cid: claims.conversationSid, svc: claims.serviceSid, iat: 0, exp: 9e9 };
    const pageToken = new SignedJson([SECRET_A], 'bridge-chat/history-page/v1').sign(sessionShaped);
    assert.equal(new SessionTokens([SECRET_A], 3600).verify(pageToken), undefined);
    assert.deepEqual(new SessionTokens([SECRET_A], 3600).verify(new SignedJson([SECRET_A], 'bridge-chat/session/v1').sign(sessionShaped)), claims);
  });

  it('rejects a properly signed payload that names no service, or not as a string', () => {
    const signed = new SignedJson([SECRET_A], 'bridge-chat/session/v1');
    const tokens = new SessionTokens([SECRET_A], 3600);
    const base = { v: 1, sub: claims.identity, cid: claims.conversationSid, iat: 0, exp: 9e9 };
    for (const svc of [undefined, null, 42, { sid: claims.serviceSid }]) {
      const payload = svc === undefined ? base : { ...base, svc };
      assert.equal(tokens.verify(signed.sign(payload)), undefined, JSON.stringify(svc));
    }
    // The same payload with the service is accepted, so the refusals above are about `svc` alone.
    assert.deepEqual(tokens.verify(signed.sign({ ...base, svc: claims.serviceSid })), claims);
  });

  it('rejects malformed strings without throwing', () => {
    const tokens = new SessionTokens([SECRET_A], 3600);
    for (const bad of ['', '.', 'abc', 'a.b.c', '%%%.%%%', `${Buffer.from('not json').toString('base64url')}.x`]) {
      assert.equal(tokens.verify(bad), undefined, bad);
    }
  });
});
