import { z } from 'zod/mini';

/** Every error the companion returns has this body, whatever the status. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Machine-readable error codes of the companion; the message is for humans. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'rate_limited'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'internal_error';
