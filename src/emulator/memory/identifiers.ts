import { invalidRequest } from './errors.js';

/**
 * Identity resolution as the emulated store is configured: which identifier
 * types exist, how their values are normalized, and which traits promote to
 * identifiers. Real stores configure this per store; the emulator's is fixed.
 */

type Normalization = 'phone' | 'email' | 'trim';

interface IdentifierConfig {
  idType: string;
  matchingAlgo: 'exact';
  normalization: Normalization;
  /** Off, so one value may sit on several profiles (Lookup then lists them all) instead of forcing a merge. */
  enforceUnique: false;
  limit: number;
  limitPolicy: 'fifo';
}

/** The most values one profile keeps per identifier type; the oldest go first. */
export const IDENTIFIER_VALUE_LIMIT = 100;

/** A chat identity (a classic Conversations `identity`) is kept as the `user_id` identifier. */
export const CHAT_IDENTITY_ID_TYPE = 'user_id';

const identifierConfig = (idType: string, normalization: Normalization): IdentifierConfig => ({
  idType,
  matchingAlgo: 'exact',
  normalization,
  enforceUnique: false,
  limit: IDENTIFIER_VALUE_LIMIT,
  limitPolicy: 'fifo',
});

const IDENTIFIER_CONFIGS: readonly IdentifierConfig[] = [
  identifierConfig('email', 'email'),
  identifierConfig('phone', 'phone'),
  identifierConfig('whatsapp', 'trim'),
  identifierConfig(CHAT_IDENTITY_ID_TYPE, 'trim'),
];

/** `GET /v1/ControlPlane/Stores/{store}/IdentityResolutionSettings`; rules are tried in this order. */
export const IDENTITY_RESOLUTION_SETTINGS = {
  identifierConfigs: IDENTIFIER_CONFIGS,
  matchingRules: IDENTIFIER_CONFIGS.map((config) => config.idType),
  version: 1,
} as const;

export const MATCHING_RULES: readonly string[] = IDENTITY_RESOLUTION_SETTINGS.matchingRules;

/** Traits of the out-of-the-box `Contact` group that Memory promotes to identifiers. */
export const PROMOTED_TRAITS: readonly { traitGroup: string; trait: string; idType: string }[] = [
  { traitGroup: 'Contact', trait: 'email', idType: 'email' },
  { traitGroup: 'Contact', trait: 'phone', idType: 'phone' },
];

export interface Identifier {
  idType: string;
  value: string;
}

/** The value as the store keeps and matches it; a 400 (520046) for an unknown type or an unusable value. */
export function normalizeIdentifier({ idType, value }: Identifier): string {
  const config = IDENTIFIER_CONFIGS.find((candidate) => candidate.idType === idType);
  if (!config) {
    throw invalidRequest(`idType "${idType}" is not configured; use one of ${MATCHING_RULES.join(', ')}`);
  }
  const normalized = NORMALIZERS[config.normalization](value);
  if (normalized === undefined) throw invalidRequest(`"${value}" is not a valid ${idType} identifier`);
  return normalized;
}

const NORMALIZERS: Record<Normalization, (value: string) => string | undefined> = {
  phone: normalizePhone,
  email: (value) => {
    const email = value.replace(/\s+/g, '').toLowerCase();
    return /^[^@]+@[^@]+$/.test(email) ? email : undefined;
  },
  trim: (value) => value.trim() || undefined,
};

/**
 * E.164 as Memory's `phone` normalization documents it: ten digits are a US
 * number without +1; anything else must carry its country code, `+` optional.
 */
function normalizePhone(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  const international = !trimmed.startsWith('+') && digits.length === 10 ? `1${digits}` : digits;
  if (international.length < 8 || international.length > 15 || international.startsWith('0')) return undefined;
  if (international.startsWith('1') && international.length !== 11) return undefined;
  return `+${international}`;
}
