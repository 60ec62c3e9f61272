import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadEmulatorOptions } from '../../src/emulator/index.js';

const validEnv = {
  TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
  TWILIO_API_KEY: 'SK' + 'b'.repeat(32),
  TWILIO_API_SECRET: 'secret',
  TWILIO_CONVERSATIONS_SERVICE_SID: 'IS' + 'c'.repeat(32),
  TWILIO_MEMORY_STORE_ID: 'mem_store_0' + 'd'.repeat(25),
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
  test('reads the Twilio settings, with defaults for the emulator\'s own', () => {
    assert.deepEqual(loadEmulatorOptions({ ...validEnv, UNRELATED: 'x' }), {
      accountSid: validEnv.TWILIO_ACCOUNT_SID,
      apiKey: validEnv.TWILIO_API_KEY,
      apiSecret: 'secret',
      serviceSid: validEnv.TWILIO_CONVERSATIONS_SERVICE_SID,
      memoryStoreId: validEnv.TWILIO_MEMORY_STORE_ID,
      bridgeDelayMs: 3000,
      seed: true,
      faultInjection: false,
    });
  });

  test('reads the emulator\'s own settings', () => {
    const loaded = loadEmulatorOptions({
      ...validEnv,
      BRIDGE_CHAT_EMULATOR_BRIDGE_DELAY_MS: '50',
      BRIDGE_CHAT_EMULATOR_SEED: 'off',
      BRIDGE_CHAT_EMULATOR_FAULTS: 'on',
      BRIDGE_CHAT_EMULATOR_DATA: '/tmp/state.json',
    });
    assert.equal(loaded.bridgeDelayMs, 50);
    assert.equal(loaded.seed, false);
    assert.equal(loaded.faultInjection, true);
    assert.equal(loaded.dataFile, '/tmp/state.json');
  });

  test('malformed emulator settings are named', () => {
    assert.match(loadError({ ...validEnv, BRIDGE_CHAT_EMULATOR_BRIDGE_DELAY_MS: 'soon' }), /BRIDGE_CHAT_EMULATOR_BRIDGE_DELAY_MS must be a whole number/);
    assert.match(loadError({ ...validEnv, BRIDGE_CHAT_EMULATOR_SEED: 'maybe' }), /BRIDGE_CHAT_EMULATOR_SEED must be on or off/);
    assert.match(loadError({ ...validEnv, TWILIO_MEMORY_STORE_ID: 'store1' }), /TWILIO_MEMORY_STORE_ID must be a memory store ID/);
    // Memory's IDs are Twilio Type IDs: 26 base32 characters, the first one 0-7.
    assert.match(loadError({ ...validEnv, TWILIO_MEMORY_STORE_ID: 'mem_store_' + 'd'.repeat(26) }), /TWILIO_MEMORY_STORE_ID must be a memory store ID/);
    assert.equal(loadEmulatorOptions({ ...validEnv, TWILIO_MEMORY_STORE_ID: 'mem_service_7' + 'z'.repeat(25) }).memoryStoreId, 'mem_service_7' + 'z'.repeat(25));
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
