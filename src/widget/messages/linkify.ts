/** A piece of a message body: plain text, or a link the widget made from an address in the text. */
export type BodyToken = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/**
 * Web addresses (`http://`, `https://`, `www.`) and email addresses. An address
 * runs until whitespace or a character that cannot be part of one in prose
 * (`<`, `>`, `"`); punctuation after it is trimmed afterwards.
 */
const ADDRESS =
  /(?<![\p{L}\p{N}_@.+-])(?:(?:https?:\/\/|www\.)[^\s<>"]+|[\p{L}\p{N}_.+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/giu;

/** Characters that end a sentence or clause rather than an address ("see https://example.com."). */
const TRAILING_PUNCTUATION = /[.,;:!?'"*_~…]$/u;

const CLOSING_BRACKETS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/**
 * Splits a message body into text and links. Only http(s) and mailto links are
 * made, whatever the text says (`javascript:…` stays text); the text itself is
 * never interpreted as HTML. Written by hand rather than with a library to keep
 * the panel small.
 */
export function linkify(body: string): BodyToken[] {
  const tokens: BodyToken[] = [];
  let textStart = 0;
  for (const match of body.matchAll(ADDRESS)) {
    const address = trimAddress(match[0]);
    const href = hrefOf(address);
    // An unusable address stays part of the text around it.
    if (!href) continue;
    const start = match.index;
    if (start > textStart) tokens.push({ kind: 'text', text: body.slice(textStart, start) });
    tokens.push({ kind: 'link', text: address, href });
    textStart = start + address.length;
  }
  if (textStart < body.length) tokens.push({ kind: 'text', text: body.slice(textStart) });
  return tokens;
}

/** Drops punctuation that ends the sentence, and closing brackets that were not opened in the address. */
function trimAddress(address: string): string {
  let trimmed = address;
  for (;;) {
    const last = trimmed.at(-1) ?? '';
    const opening = CLOSING_BRACKETS[last];
    if (TRAILING_PUNCTUATION.test(trimmed) || (opening && count(trimmed, last) > count(trimmed, opening))) {
      trimmed = trimmed.slice(0, -1);
    } else {
      return trimmed;
    }
  }
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** The link for an address, or undefined when it is not a usable web or email address. */
function hrefOf(address: string): string | undefined {
  if (/^https?:\/\/./i.test(address)) return webHref(address);
  if (/^www\../i.test(address)) return webHref(`https://${address}`);
  if (address.includes('@')) return `mailto:${address}`;
  return undefined;
}

function webHref(address: string): string | undefined {
  try {
    const url = new URL(address);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}
