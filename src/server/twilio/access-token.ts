import twilio from 'twilio';
import type { CompanionSettings } from '../settings.js';

export interface MintedToken {
  token: string;
  expiresAt: Date;
}

type TokenSettings = Pick<CompanionSettings, 'accountSid' | 'apiKey' | 'apiSecret' | 'serviceSid' | 'tokenTtlSeconds'>;

/** A Conversations access token (ChatGrant) for one identity; minted offline. */
export function mintAccessToken(settings: TokenSettings, identity: string, now = new Date()): MintedToken {
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(settings.accountSid, settings.apiKey, settings.apiSecret, {
    identity,
    ttl: settings.tokenTtlSeconds,
  });
  token.addGrant(new AccessToken.ChatGrant({ serviceSid: settings.serviceSid }));
  // AccessToken stamps iat from the clock itself; expiry follows from the TTL.
  return { token: token.toJwt(), expiresAt: new Date(now.getTime() + settings.tokenTtlSeconds * 1000) };
}
