/*
 * The Twilio SDK's entry, re-exported so that its chunk starts here: the SDK is CommonJS, and the
 * interop that turns it into a module (with the bundler's helpers) then runs in that chunk, not in the panel.
 */
export { Client } from '@twilio/conversations';
