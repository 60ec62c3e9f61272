import { TwilioApiError } from '../errors.js';

/**
 * The Conversation Memory error codes (5200xx) the emulated endpoints answer
 * with, in Twilio's usual `{code, message, more_info, status}` body.
 */

/** A body or parameter that fails the API's schema. */
export const invalidRequest = (detail: string) => new TwilioApiError(400, 520046, `Invalid request: ${detail}`);

export const invalidStoreId = (storeId: string) =>
  new TwilioApiError(400, 520049, `Invalid memory store identifier: ${storeId}`);

export const storeNotFound = (storeId: string) =>
  new TwilioApiError(404, 520041, `Memory store ${storeId} does not exist on this account`);

export const profileNotFound = (profileId: string) =>
  new TwilioApiError(404, 520009, `Profile ${profileId} not found`);

export const identifierNotFound = (idType: string) =>
  new TwilioApiError(404, 520014, `Identifier type ${idType} is not associated with this profile`);

export const observationNotFound = (observationId: string) =>
  new TwilioApiError(404, 520003, `Observation ${observationId} not found`);

export const summaryNotFound = (summaryId: string) =>
  new TwilioApiError(404, 520037, `Conversation summary ${summaryId} not found`);

/** Lookup documents only the generic 404 for an identifier no profile has. */
export const noProfileWithIdentifier = (idType: string, normalizedValue: string) =>
  new TwilioApiError(404, 20404, `No profile has the ${idType} identifier ${normalizedValue}`);
