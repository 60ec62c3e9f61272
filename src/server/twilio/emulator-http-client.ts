import { TwilioHttpClient, type TwilioHttpClientOptions } from './http-client.js';

/**
 * Maps a Twilio API URL onto the emulator: `https://{product}.twilio.com/{path}`
 * is served at `{emulatorUrl}/{product}/{path}`; region and edge labels between
 * product and domain are dropped (`https://mcs.us1.twilio.com/v1/...` →
 * `{emulatorUrl}/mcs/v1/...`). Any other URL is left alone.
 */
export function toEmulatorUrl(twilioUrl: string, emulatorUrl: string): string {
  const url = new URL(twilioUrl);
  const match = /^([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.twilio\.com$/.exec(url.hostname);
  if (!match) return twilioUrl;
  const base = emulatorUrl.replace(/\/+$/, '');
  return `${base}/${match[1]}${url.pathname}${url.search}`;
}

/**
 * The companion's Twilio HTTP client with every request sent to the emulator
 * by the routing rule above. Nothing else differs from a run against real
 * Twilio.
 */
export class EmulatorHttpClient extends TwilioHttpClient {
  constructor(emulatorUrl: string, options: Omit<TwilioHttpClientOptions, 'rewriteUrl'> = {}) {
    super({ ...options, rewriteUrl: (twilioUrl) => toEmulatorUrl(twilioUrl, emulatorUrl) });
  }
}
