import type { WidgetErrorCode } from '../errors.js';

/**
 * Failures that may heal by themselves, so asking again later can help: the companion cannot be
 * reached, is busy or failing (5xx), the chat's code could not be fetched, or the realtime link
 * could not start (Twilio busy or unreachable once its own retries are spent). A configuration or
 * credentials problem (not_configured, forbidden, unauthorized, bad_request…) never heals by waiting.
 */
const HEALING_FAILURES: ReadonlySet<WidgetErrorCode> = new Set<WidgetErrorCode>([
  'companion_unreachable',
  'rate_limited',
  'upstream_error',
  'upstream_unavailable',
  'internal_error',
  'panel_load_failed',
  'transport_failed',
]);

export const mayHeal = (code: WidgetErrorCode): boolean => HEALING_FAILURES.has(code);
