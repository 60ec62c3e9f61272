import twilio from 'twilio';
import type { CompanionSettings } from '../settings.js';
import { toEmulatorUrl } from './emulator-http-client.js';
import { TwilioHttpClient } from './http-client.js';

export type TwilioClient = twilio.Twilio;

type ClientSettings = Pick<CompanionSettings, 'accountSid' | 'apiKey' | 'apiSecret' | 'emulatorUrl' | 'twilioTimeoutMs'>;

/** The one place a Twilio REST client is made; the emulator differs only by where requests go. */
export function createTwilioClient(settings: ClientSettings): TwilioClient {
  const { emulatorUrl, twilioTimeoutMs } = settings;
  const httpClient = new TwilioHttpClient({
    timeout: twilioTimeoutMs,
    rewriteUrl: emulatorUrl ? (twilioUrl) => toEmulatorUrl(twilioUrl, emulatorUrl) : undefined,
    // Three tries within the one-call timeout, so an outage still answers in time.
    retry: { maxAttempts: 3, budgetMs: twilioTimeoutMs, baseDelayMs: 200, maxDelayMs: 2_000 },
  });
  return twilio(settings.apiKey, settings.apiSecret, { accountSid: settings.accountSid, httpClient });
}
