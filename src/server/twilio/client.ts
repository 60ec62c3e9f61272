import twilio from 'twilio';
import type { CompanionSettings } from '../settings.js';
import { EmulatorHttpClient } from './emulator-http-client.js';

export type TwilioClient = twilio.Twilio;

type ClientSettings = Pick<CompanionSettings, 'accountSid' | 'apiKey' | 'apiSecret' | 'emulatorUrl' | 'twilioTimeoutMs'>;

/** The one place a Twilio REST client is made; the emulator differs only by its HTTP client. */
export function createTwilioClient(settings: ClientSettings): TwilioClient {
  const requestOptions = { timeout: settings.twilioTimeoutMs };
  const httpClient = settings.emulatorUrl
    ? new EmulatorHttpClient(settings.emulatorUrl, requestOptions)
    : new twilio.RequestClient(requestOptions);
  return twilio(settings.apiKey, settings.apiSecret, { accountSid: settings.accountSid, httpClient });
}
