import { formatBytes } from '../composer/format-bytes.js';
import type { Language } from '../i18n/i18n.js';
import type { Translate } from '../i18n/panel-strings.js';
import type { AttachmentProblem } from './attachment-check.js';
import './attachments.strings.js';

/** Why a file cannot be attached, in the visitor's language, naming the file and the limit. */
export function describeAttachmentProblem(problem: AttachmentProblem, t: Translate, language: Language): string {
  const bytes = (value: number) => formatBytes(value, language);
  switch (problem.kind) {
    case 'type':
      return t('fileTypeNotAllowed', { name: problem.name });
    case 'size':
      return t('fileTooLarge', { name: problem.name, size: bytes(problem.size), limit: bytes(problem.limit) });
    case 'count':
      return t('tooManyFiles', { count: problem.limit });
    case 'total':
      return t('filesTooLarge', { size: bytes(problem.size), limit: bytes(problem.limit) });
  }
}
