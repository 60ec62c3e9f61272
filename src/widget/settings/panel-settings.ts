import type { AuthHeaders } from '../controllers/session.controller.js';
import type { Language } from '../i18n/i18n.js';
import type { BridgeChatStrings } from '../i18n/launcher-strings.js';
import { DEFAULT_MAX_FILE_MB } from './defaults.js';

/** What the site configures on `<bridge-chat>` for the panel, parsed from its attributes. */

export type PrechatFieldName = 'name' | 'email' | 'message';

/** One field of the pre-chat form. */
export interface PrechatField {
  name: PrechatFieldName;
  required: boolean;
}

/** Which files visitors may attach, on top of the conversation's own media limits. */
export interface AttachmentPolicy {
  enabled: boolean;
  /** MIME types (`image/png`), type families (`image/*`) or extensions (`.pdf`); empty accepts any type. */
  accept: readonly string[];
  /** Bytes per file. */
  maxFileBytes: number;
}

const PRECHAT_FIELDS: readonly PrechatFieldName[] = ['name', 'email', 'message'];


/**
 * `prechat="name email message?"`: the fields in order; a trailing `?` makes one optional.
 * Unknown names are ignored (with a console warning, so a typo is noticed).
 */
export function parsePrechatFields(value: string | null | undefined): PrechatField[] {
  const fields: PrechatField[] = [];
  for (const token of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
    const required = !token.endsWith('?');
    const name = (required ? token : token.slice(0, -1)).toLowerCase();
    const known = PRECHAT_FIELDS.find((field) => field === name);
    if (!known) console.warn(`<bridge-chat>: unknown pre-chat field "${token}" ignored`);
    else if (!fields.some((field) => field.name === known)) fields.push({ name: known, required });
  }
  return fields;
}

/** The attachment policy from `attachments`, `accept` (comma separated) and `max-file-size` (megabytes). */
export function attachmentPolicy(enabled: boolean, accept: string, maxFileMb: number): AttachmentPolicy {
  const megabytes = Number.isFinite(maxFileMb) && maxFileMb > 0 ? maxFileMb : DEFAULT_MAX_FILE_MB;
  return {
    enabled,
    accept: accept
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
    maxFileBytes: Math.floor(megabytes * 1024 * 1024),
  };
}

/**
 * What the panel reads from its `<bridge-chat>`, which requests an update of the panel whenever
 * any of it changes: the site's settings, and whether the panel is shown.
 */
export interface PanelSettings {
  readonly sessionUrl: string;
  readonly language: Language;
  readonly strings: BridgeChatStrings;
  readonly showHistory: boolean;
  readonly showMemory: boolean;
  readonly getAuthHeaders: AuthHeaders | undefined;
  readonly mode: 'floating' | 'inline';
  readonly panelShown: boolean;
  readonly prechat: string;
  readonly attachments: boolean;
  readonly accept: string;
  readonly maxFileSize: number;
  readonly sound: boolean;
  readonly titleHint: boolean;
}
