import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { CLI, cleanEnv, run, waitForLine } from './support.js';


describe('bridge-chat CLI', () => {
  it('stops with one line naming a missing setting', async () => {
    const { code, stderr } = await run(['serve', '--port', '0'], cleanEnv());
    assert.equal(code, 1);
    assert.deepEqual(stderr.trim().split('\n'), [
      'bridge-chat companion: setting accountSid (TWILIO_ACCOUNT_SID) is required',
    ]);
  });

  it('stops with one line naming a malformed emulator setting', async () => {
    const { code, stderr } = await run(['emulator', '--port', '0'], cleanEnv({ TWILIO_API_KEY: 'SK123' }));
    assert.equal(code, 1);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, /TWILIO_API_KEY/);
  });

  it('refuses unknown commands and bad ports', async () => {
    const unknown = await run(['deploy'], cleanEnv());
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown command "deploy"/);
    const badPort = await run(['emulator', '--port', 'http'], cleanEnv());
    assert.equal(badPort.code, 1);
    assert.match(badPort.stderr, /port "http"/);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await run(['--help'], cleanEnv());
    assert.equal(code, 0);
    assert.match(stdout, /serve .*companion/);
    assert.match(stdout, /emulator .*emulator/);
  });

  it('serves the emulator and the companion against it', async () => {
    const emulator = spawn(process.execPath, [...CLI, 'emulator', '--port', '0'], { env: cleanEnv() });
    const companion: { process?: ChildProcess } = {};
    try {
      const emulatorLine = await waitForLine(emulator, /emulator listening on/);
      const emulatorUrl = /(http:\/\/127\.0\.0\.1:\d+)/.exec(emulatorLine)![1]!;
      companion.process = spawn(process.execPath, [...CLI, 'serve', '--port', '0'], {
        env: cleanEnv({ BRIDGE_CHAT_EMULATOR_URL: emulatorUrl }),
      });
      const companionLine = await waitForLine(companion.process, /companion listening on/);
      const companionUrl = /(http:\/\/127\.0\.0\.1:\d+)/.exec(companionLine)![1]!;
      const response = await fetch(`${companionUrl}/session`, { method: 'POST' });
      assert.equal(response.status, 200);
      const session = (await response.json()) as { conversationSid: string; backend: { kind: string } };
      assert.match(session.conversationSid, /^CH/);
      assert.equal(session.backend.kind, 'emulator');
    } finally {
      for (const child of [companion.process, emulator]) {
        if (child && child.exitCode === null) {
          child.kill('SIGTERM');
          await once(child, 'exit');
        }
      }
    }
  });
});
