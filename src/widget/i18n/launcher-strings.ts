import type { Language, Strings } from './i18n.js';

type LauncherKey = 'openChat' | 'closeChat' | 'loadingChat' | 'loadFailed' | 'tryAgain';

/** The launcher's few strings, in every language: they load with the launcher itself. */
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
  de: {
    openChat: 'Chat öffnen',
    closeChat: 'Chat schließen',
    loadingChat: 'Chat wird geladen…',
    loadFailed: 'Der Chat konnte nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
  },
};
