import type { Language, Strings } from './i18n.js';

type LauncherKey =
  | 'openChat'
  | 'closeChat'
  | 'loadingChat'
  | 'loadFailed'
  | 'tryAgain'
  | 'unreadOne'
  | 'unreadOther'
  | 'newMessage';

/** The launcher's few strings, in every language: they load with the launcher itself. */
export const launcherStrings: Record<Language, Strings<LauncherKey>> = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    loadingChat: 'Loading chat…',
    loadFailed: 'The chat could not be loaded.',
    tryAgain: 'Try again',
    unreadOne: '{count} unread message',
    unreadOther: '{count} unread messages',
    newMessage: 'New message',
  },
  es: {
    openChat: 'Abrir chat',
    closeChat: 'Cerrar chat',
    loadingChat: 'Cargando el chat…',
    loadFailed: 'No se pudo cargar el chat.',
    tryAgain: 'Reintentar',
    unreadOne: '{count} mensaje sin leer',
    unreadOther: '{count} mensajes sin leer',
    newMessage: 'Nuevo mensaje',
  },
  de: {
    openChat: 'Chat öffnen',
    closeChat: 'Chat schließen',
    loadingChat: 'Chat wird geladen…',
    loadFailed: 'Der Chat konnte nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
    unreadOne: '{count} ungelesene Nachricht',
    unreadOther: '{count} ungelesene Nachrichten',
    newMessage: 'Neue Nachricht',
  },
};

/** "2 unread messages" in `language`, with its plural rule. */
export function unreadText(language: Language, count: number): string {
  const strings = launcherStrings[language];
  const template = new Intl.PluralRules(language).select(count) === 'one' ? strings.unreadOne : strings.unreadOther;
  return template.replace('{count}', String(count));
}
