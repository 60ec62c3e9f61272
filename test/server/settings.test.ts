import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_DEFAULTS } from '../../src/demo-defaults.js';
import { SettingsError, companionOptionsFromEnv, parseCompanionOptions } from '../../src/server/settings.js';

const env = { ...DEMO_DEFAULTS };

describe('companion settings', () => {
  it('reads every setting from the environment, with defaults', () => {
    const settings = parseCompanionOptions(
      companionOptionsFromEnv({
        ...env,
        BRIDGE_CHAT_SESSION_SECRET: `${'n'.repeat(32)}, ${'o'.repeat(32)}`,
        BRIDGE_CHAT_ALLOWED_ORIGINS: 'https://shop.example, http://127.0.0.1:5173',
        BRIDGE_CHAT_TOKEN_TTL: '600',
      }),
    );
    assert.deepEqual(settings.sessionSecrets, ['n'.repeat(32), 'o'.repeat(32)]);
    assert.deepEqual(settings.allowedOrigins, ['https://shop.example', 'http://127.0.0.1:5173']);
    assert.equal(settings.tokenTtlSeconds, 600);
    assert.equal(settings.sessionTtlSeconds, 7 * 86_400);
    assert.equal(settings.emulatorUrl, undefined);
  });

  it('names a missing setting and its variable in one line', () => {
    const { TWILIO_API_KEY: _omitted, ...rest } = env;
    assert.throws(
      () => parseCompanionOptions(companionOptionsFromEnv(rest)),
      (error: Error) =>
        error instanceof SettingsError &&
        /apiKey \(TWILIO_API_KEY\) is required/.test(error.message) &&
        !error.message.includes('\n'),
    );
  });

  it('names a malformed setting', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ TWILIO_ACCOUNT_SID: 'AC123' }, /TWILIO_ACCOUNT_SID.*AC followed by 32 hex digits/],
      [{ BRIDGE_CHAT_ALLOWED_ORIGINS: 'https://shop.example/path' }, /BRIDGE_CHAT_ALLOWED_ORIGINS.*origin/],
      [{ BRIDGE_CHAT_TOKEN_TTL: 'ten minutes' }, /BRIDGE_CHAT_TOKEN_TTL/],
      [{ BRIDGE_CHAT_SESSION_SECRET: 'short' }, /BRIDGE_CHAT_SESSION_SECRET.*32 characters/],
      [{ BRIDGE_CHAT_EMULATOR_URL: 'not a url' }, /BRIDGE_CHAT_EMULATOR_URL/],
    ];
    for (const [override, message] of cases) {
      assert.throws(() => parseCompanionOptions(companionOptionsFromEnv({ ...env, ...override })), message);
    }
  });

  it('refuses options it does not know', () => {
    const options = { ...companionOptionsFromEnv(env), sesionSecrets: ['x'] };
    assert.throws(() => parseCompanionOptions(options), /sesionSecrets|Unrecognized/);
  });
});
