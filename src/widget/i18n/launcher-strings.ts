import type { Language, Strings } from './i18n.js';
import type { PanelKey } from './panel-strings.js';

export type LauncherKey = 'openChat' | 'closeChat' | 'loadingChat' | 'loadFailed' | 'tryAgain';

/**
 * A site's own wording for some of the widget's strings, in whichever language it speaks:
 * each one replaces that string in every language (`{name}` placeholders and plural forms work the same).
 */
export type BridgeChatStrings = Partial<Record<PanelKey | LauncherKey, string>>;

/**
 * The launcher's few strings, in every language: they load with the launcher itself. Its label's
 * unread count ("2 unread messages") comes from the panel, which counts them.
 */
export const launcherStrings: Record<Language, Strings<LauncherKey>> = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    loadingChat: 'Loading chat…',
    loadFailed: 'The chat could not be loaded.',
    tryAgain: 'Try again',
  },
  es: {
    openChat: 'Abrir chat',
    closeChat: 'Cerrar chat',
    loadingChat: 'Cargando el chat…',
    loadFailed: 'No se pudo cargar el chat.',
    tryAgain: 'Reintentar',
  },
  fr: {
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    loadingChat: 'Chargement du chat…',
    loadFailed: 'Impossible de charger le chat.',
    tryAgain: 'Réessayer',
  },
  de: {
    openChat: 'Chat öffnen',
    closeChat: 'Chat schließen',
    loadingChat: 'Chat wird geladen…',
    loadFailed: 'Der Chat konnte nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
  },
  ar: {
    openChat: 'فتح المحادثة',
    closeChat: 'إغلاق المحادثة',
    loadingChat: 'جارٍ تحميل المحادثة…',
    loadFailed: 'تعذّر تحميل المحادثة.',
    tryAgain: 'إعادة المحاولة',
  },
};

/** The launcher's strings in `language`, with the site's own wording on top. */
export function launcherText(language: Language, overrides: BridgeChatStrings = {}): Strings<LauncherKey> {
  return { ...launcherStrings[language], ...definedOnly(overrides) };
}

/** The overrides that hold a string: `{title: undefined}` keeps the language's own title. */
export function definedOnly<K extends string>(overrides: Partial<Record<K, string>>): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => typeof value === 'string')) as Partial<
    Record<K, string>
  >;
}
