import { createSecretKey, type KeyObject } from 'node:crypto';
import twilio from 'twilio';
import type { CompanionSettings } from '../settings.js';

export interface MintedToken {
  token: string;
  expiresAt: Date;
}

type TokenSettings = Pick<CompanionSettings, 'accountSid' | 'apiKey' | 'apiSecret' | 'serviceSid' | 'tokenTtlSeconds'>;

/** One HMAC key per API secret, so signing skips the string-to-key conversion on every token. */
const signingKeys = new Map<string, KeyObject>();

function signingKeyFor(apiSecret: string): KeyObject {
  let key = signingKeys.get(apiSecret);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(apiSecret));
    signingKeys.set(apiSecret, key);
  }
  return key;
}

/** A Conversations access token (ChatGrant) for one identity; minted offline. */
export function mintAccessToken(settings: TokenSettings, identity: string, now = new Date()): MintedToken {
  const { AccessToken } = twilio.jwt;
  // twilio types the secret as a string but hands it to jsonwebtoken unchanged, which signs with a KeyObject
  // directly; a string costs it a failed private-key parse (~0.5 ms) before it falls back to HMAC.
  const secret = signingKeyFor(settings.apiSecret) as unknown as string;
  const token = new AccessToken(settings.accountSid, settings.apiKey, secret, {
    identity,
    ttl: settings.tokenTtlSeconds,
  });
  token.addGrant(new AccessToken.ChatGrant({ serviceSid: settings.serviceSid }));
  // AccessToken stamps iat from the clock itself; expiry follows from the TTL.
  return { token: token.toJwt(), expiresAt: new Date(now.getTime() + settings.tokenTtlSeconds * 1000) };
}
