/** Twilio's limit for a text message body, in UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

export type OutgoingTextCheck =
  | { kind: 'ok'; body: string }
  | { kind: 'empty' }
  | { kind: 'too-long'; bytes: number };

/** Whether typed text may be sent, and the body to send (trimmed). */
export function checkOutgoingText(text: string): OutgoingTextCheck {
  const body = text.trim();
  if (body === '') return { kind: 'empty' };
  const bytes = new TextEncoder().encode(body).byteLength;
  if (bytes > MAX_MESSAGE_BYTES) return { kind: 'too-long', bytes };
  return { kind: 'ok', body };
}
