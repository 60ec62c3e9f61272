/**
 * Compile-time proof that the string catalogue is complete: every language has exactly
 * English's keys. If the `@ts-expect-error` lines stop being errors, `npm run typecheck` fails.
 */
import type { Strings } from '../../src/widget/i18n/i18n.js';
import type { BridgeChatStrings } from '../../src/widget/i18n/launcher-strings.js';
import { ar } from '../../src/widget/i18n/panel/ar.js';
import { en, type PanelKey } from '../../src/widget/i18n/panel/en.js';

const { title: _dropped, ...withoutTitle } = en;

// @ts-expect-error A language file missing one of English's keys does not type-check.
export const missingKey: Strings<PanelKey> = withoutTitle;

// @ts-expect-error Nor does one with a key English does not have.
export const extraKey: Strings<PanelKey> = { ...ar, notInEnglish: 'x' };

export const complete: Strings<PanelKey> = { ...en, ...ar };

// Overrides name real keys only.
export const override: BridgeChatStrings = { title: 'Ask a barista', openChat: 'Questions?' };
// @ts-expect-error An override for a string the widget does not have is a mistake.
export const misspelledOverride: BridgeChatStrings = { titel: 'Ask a barista' };
