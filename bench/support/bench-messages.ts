/**
 * The messages the in-browser bench seeds. Each text starts with its place in the conversation
 * (`Bench message 00042 of 10000`), so the page can tell which messages it shows from the text
 * alone; the rest varies in length, as a real chat's lines do. Shared by the bench (Node) and
 * its in-page probe (bundled into the page).
 */
const DIGITS = 5;

const TAILS = [
  '',
  'Thanks!',
  'Could you tell me when my order ships? I ordered the Ethiopia Guji last Tuesday and have not heard back yet.',
  'Sure: it left the roastery this morning, tracking is at https://example.com/track/1Z999 and should update tonight.',
  'Great.',
  'The grinder setting we suggest for a V60 is medium-fine, about the texture of table salt; go a step coarser if the brew runs longer than three minutes, and finer if it tastes sour.',
  'Let me check that for you.',
];

/** Who wrote the message at `ordinal`: the visitor opens each exchange of three, the agent answers twice. */
export function isVisitorLine(ordinal: number): boolean {
  return ordinal % 3 === 1;
}

/** The text of the message at `ordinal` (1 is the first) in a conversation of `total`. */
export function messageText(ordinal: number, total: number): string {
  const place = `Bench message ${String(ordinal).padStart(DIGITS, '0')} of ${String(total).padStart(DIGITS, '0')}.`;
  const tail = TAILS[ordinal % TAILS.length];
  return tail ? `${place} ${tail}` : place;
}

/** The place of the seeded message whose text (or rendered row's text) this is; undefined for any other. */
export function ordinalOf(text: string): number | undefined {
  const match = /Bench message (\d+) of \d+/.exec(text);
  return match ? Number(match[1]) : undefined;
}
