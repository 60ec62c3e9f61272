/**
 * Looks through every file under a folder for secrets: values the project knows to be secret
 * (plain, or base64 at any byte alignment, as in a Basic auth header), and strings shaped like
 * credentials of Twilio and of other common services. test/build/secrets.test.ts runs it on the
 * browser builds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A shape of credential, by the pattern it has wherever it appears. */
export interface CredentialRule {
  kind: string;
  pattern: RegExp;
}

/** A value that is secret wherever it appears, with where it comes from (for the report). */
export interface KnownSecret {
  name: string;
  value: string;
}

/** A match that is known to be harmless: exactly this text, of this kind, with why. */
export interface Allowance {
  kind: string;
  match: string;
  reason: string;
}

export interface Finding {
  /** Relative to the scanned folder. */
  file: string;
  line: number;
  kind: string;
  match: string;
}

/** A hex run of exactly 32 digits, not part of a longer one. */
const HEX_32 = '(?<![0-9a-fA-F])[0-9a-fA-F]{32}(?![0-9a-fA-F])';

export const CREDENTIAL_RULES: readonly CredentialRule[] = [
  { kind: 'Twilio Account SID', pattern: /(?<![A-Za-z0-9])AC[0-9a-fA-F]{32}(?![0-9a-fA-F])/g },
  { kind: 'Twilio API key SID', pattern: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![0-9a-fA-F])/g },
  // Twilio auth tokens and many other secrets are 32 hex digits; alone such a run may be a hash, next to one of these words it is not.
  { kind: '32-hex secret next to secret/token/password', pattern: new RegExp(`(?:secret|token|passw(?:or)?d)[^\\n]{0,30}?${HEX_32}`, 'gi') },
  { kind: 'JSON Web Token', pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
  { kind: 'PEM block', pattern: /-----BEGIN [A-Z0-9 ]{2,40}-----/g },
  { kind: 'secret API key (sk_live_ style)', pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}/g },
  { kind: 'AWS access key ID', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g },
  { kind: 'GitHub token', pattern: /(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36,}/g },
  { kind: 'Slack token', pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'Google API key', pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/g },
];

/** Every file under `dir`, dot folders (Vite's `.vite/manifest.json`) included, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(dir, file)).isFile())
    .map((file) => file.split('\\').join('/'))
    .sort();
}

/**
 * The forms a secret may take in a file: as it is, and base64 (and base64url) at each of the three
 * byte alignments it can start at, keeping only the characters that depend on the secret alone.
 */
export function secretForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = new Set([value]);
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const inner = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    // Shorter than this, an encoded fragment could turn up by chance.
    if (inner.length >= 12) {
      forms.add(inner);
      forms.add(inner.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  return [...forms];
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** What `text` holds of the known secrets and of every credential shape, minus what is allowed. */
export function scanText(
  file: string,
  text: string,
  known: readonly KnownSecret[],
  allowed: readonly Allowance[] = [],
  rules: readonly CredentialRule[] = CREDENTIAL_RULES,
): Finding[] {
  const findings: Finding[] = [];
  for (const { name, value } of known) {
    for (const form of secretForms(value)) {
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        findings.push({ file, line: lineAt(text, at), kind: `known secret ${name}`, match: form });
      }
    }
  }
  for (const { kind, pattern } of rules) {
    for (const found of text.matchAll(pattern)) {
      if (allowed.some((allowance) => allowance.kind === kind && allowance.match === found[0])) continue;
      findings.push({ file, line: lineAt(text, found.index), kind, match: found[0] });
    }
  }
  return findings;
}

/** Scans every file under `dir`. */
export function scanDirectory(dir: string, known: readonly KnownSecret[], allowed: readonly Allowance[] = []): Finding[] {
  return filesUnder(dir).flatMap((file) => scanText(file, readFileSync(join(dir, file), 'utf8'), known, allowed));
}

/** Which allowances matched something in `text`: one that never does is no longer needed. */
export function allowancesUsed(text: string, allowed: readonly Allowance[]): Allowance[] {
  return allowed.filter(({ kind, match }) => {
    const rule = CREDENTIAL_RULES.find((candidate) => candidate.kind === kind);
    return rule !== undefined && [...text.matchAll(rule.pattern)].some((found) => found[0] === match);
  });
}

/** A finding for a report: where, what kind, and the match with its middle masked. */
export function describeFinding({ file, line, kind, match }: Finding): string {
  const shown = match.length > 12 ? `${match.slice(0, 6)}…${match.slice(-4)} (${match.length} chars)` : match;
  return `${file}:${line}  ${kind}: ${shown}`;
}
