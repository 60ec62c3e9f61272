import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadEmulatorOptions } from '../../src/emulator/index.js';

const validEnv = {
  TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
  TWILIO_API_KEY: 'SK' + 'b'.repeat(32),
  TWILIO_API_SECRET: 'secret',
  TWILIO_CONVERSATIONS_SERVICE_SID: 'IS' + 'c'.repeat(32),
};

function loadError(env: Record<string, string | undefined>): string {
  try {
    loadEmulatorOptions(env);
  } catch (error) {
    assert.ok(error instanceof Error);
    return error.message;
  }
  assert.fail('expected loadEmulatorOptions to throw');
}

describe('loadEmulatorOptions', () => {
  test('reads the four Twilio settings', () => {
    assert.deepEqual(loadEmulatorOptions({ ...validEnv, UNRELATED: 'x' }), {
      accountSid: validEnv.TWILIO_ACCOUNT_SID,
      apiKey: validEnv.TWILIO_API_KEY,
      apiSecret: 'secret',
      serviceSid: validEnv.TWILIO_CONVERSATIONS_SERVICE_SID,
    });
  });

  test('a missing variable is named in one line', () => {
    const message = loadError({ ...validEnv, TWILIO_API_SECRET: undefined });
    assert.match(message, /TWILIO_API_SECRET is not set/);
    assert.doesNotMatch(message, /\n/);
    assert.doesNotMatch(message, /TWILIO_API_KEY/);
  });

  test('a malformed SID is named with what it should look like', () => {
    const message = loadError({ ...validEnv, TWILIO_CONVERSATIONS_SERVICE_SID: 'CH' + 'c'.repeat(32) });
    assert.match(message, /TWILIO_CONVERSATIONS_SERVICE_SID must be a Conversations service SID/);
    assert.match(message, /"IS" followed by 32 hex characters/);
    assert.doesNotMatch(message, /\n/);
  });
});
