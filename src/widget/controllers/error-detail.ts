import { WidgetError, type WidgetErrorDetail } from '../errors.js';

/**
 * Any thrown value as an error detail; unknown failures count as transport failures.
 * (Apart from WidgetError, which the launcher carries: only the panel's controllers need this.)
 */
export function errorDetail(error: unknown): WidgetErrorDetail {
  if (error instanceof WidgetError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'transport_failed', message };
}
