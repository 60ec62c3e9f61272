import { z } from 'zod';

/** What the emulator needs to know: the credentials it accepts and the service that exists from start. */
export interface EmulatorOptions {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
  serviceSid: string;
}

const sidOf = (prefix: string, what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is not set' : 'must be a string') })
    .trim()
    .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${what}: "${prefix}" followed by 32 hex characters`);

const settingsSchema = z.object({
  TWILIO_ACCOUNT_SID: sidOf('AC', 'an Account SID'),
  TWILIO_API_KEY: sidOf('SK', 'an API key SID'),
  TWILIO_API_SECRET: z
    .string({ error: (issue) => (issue.input === undefined ? 'is not set' : 'must be a string') })
    .min(1, 'is empty'),
  TWILIO_CONVERSATIONS_SERVICE_SID: sidOf('IS', 'a Conversations service SID'),
});

/** A missing or malformed setting; its message is one line for the person starting the emulator. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Reads the emulator's settings from environment-style variables (the same
 * names the companion and the CLI use). Throws one readable line naming every
 * variable that is missing or malformed.
 */
export function loadEmulatorOptions(env: Record<string, string | undefined>): EmulatorOptions {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new SettingsError(`Invalid emulator settings: ${problems.join('; ')}.`);
  }
  const settings = parsed.data;
  return {
    accountSid: settings.TWILIO_ACCOUNT_SID,
    apiKey: settings.TWILIO_API_KEY,
    apiSecret: settings.TWILIO_API_SECRET,
    serviceSid: settings.TWILIO_CONVERSATIONS_SERVICE_SID,
  };
}
