/** The defaults of `<bridge-chat>`'s attachment attributes, apart from their parsers so the launcher carries only these. */

export const DEFAULT_ACCEPT = 'image/*,application/pdf,text/plain';
export const DEFAULT_MAX_FILE_MB = 10;
