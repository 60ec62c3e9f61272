import { MAX_MESSAGE_BYTES } from '../../protocol/limits.js';

export { MAX_MESSAGE_BYTES };

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
