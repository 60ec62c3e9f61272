import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { options, startEmulator, type StartedEmulator } from '../emulator/support.js';
import { cleanEnv, run } from './support.js';

describe('bridge-chat bridge', () => {
  let started: StartedEmulator;
  /** The emulator's credentials and service, as a user would export them. */
  let env: NodeJS.ProcessEnv;
  const bridge = (...args: string[]) => run(['bridge', ...args], env);
  const faults = (path: string, body?: unknown) =>
    fetch(`${started.running.url}/__emulator/faults${path}`, {
      method: body === undefined ? 'DELETE' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  before(async () => {
    started = await startEmulator();
    env = cleanEnv({
      BRIDGE_CHAT_EMULATOR_URL: started.running.url,
      TWILIO_ACCOUNT_SID: options.accountSid,
      TWILIO_API_KEY: options.apiKey,
      TWILIO_API_SECRET: options.apiSecret,
      TWILIO_CONVERSATIONS_SERVICE_SID: options.serviceSid,
      TWILIO_MEMORY_STORE_ID: options.memoryStoreId,
    });
  });
  after(() => started.running.close());

  it('refuses bad arguments with one line and exit code 1, before calling Twilio', async () => {
    const { code, stdout, stderr } = await bridge('create', '--grouping', 'BY_MOOD');
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.deepEqual(stderr.trim().split('\n'), [
      'bridge-chat bridge: --grouping must be one of GROUP_BY_PROFILE, GROUP_BY_PARTICIPANT_ADDRESSES, GROUP_BY_PARTICIPANT_ADDRESSES_AND_CHANNEL_TYPE',
      'Try bridge-chat bridge --help.',
    ]);
    assert.equal(started.emulator.orchestrator.store.listConfigurations().length, 0);
  });

  it('status exits 1 while the service is not bridged', async () => {
    const { code, stdout } = await bridge('status');
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`Service ${options.serviceSid} is not bridged to Conversation Orchestrator`));
  });

  it('create exits 1 with Twilio\'s detail when the operation FAILED', async () => {
    const { code, stdout, stderr } = await bridge('create', '--memory-store', 'mem_store_7' + '9'.repeat(25));
    assert.equal(code, 1);
    assert.match(stdout, /^Operation proc_job_\w+ FAILED \(\d+ s\)$/m);
    assert.match(stderr.trim(), /^bridge-chat bridge: Operation proc_job_\w+ FAILED: Not Found: Memory store mem_store_7\d+ was not found$/);
  });

  it('create shows each poll of the operation, then the configuration; create again and status report it', async () => {
    const created = await bridge('create', '--voice-capture', '+15017122661', '--grouping', 'GROUP_BY_PROFILE', '--name', 'shop bridge');
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^Creating configuration conv_configuration_\w+: operation proc_job_\w+ accepted$/m);
    assert.match(created.stdout, /^Operation proc_job_\w+ COMPLETED \(1 s\)$/m);
    const [configuration] = started.emulator.orchestrator.store.listConfigurations();
    assert.ok(configuration);
    assert.match(created.stdout, new RegExp(`is now bridged by configuration ${configuration.id} "shop bridge"`));
    assert.match(created.stdout, /grouping\s+GROUP_BY_PROFILE/);
    assert.match(created.stdout, /VOICE\s+captures \* → \+15017122661 \(callType=PSTN\)/);

    // Read-only from here on, so both run at once.
    const [again, status] = await Promise.all([bridge('create'), bridge('status', '--service', options.serviceSid)]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`already bridged by configuration ${configuration.id}`));
    assert.match(again.stdout, /note: grouping is GROUP_BY_PROFILE, not GROUP_BY_PARTICIPANT_ADDRESSES/);
    assert.match(again.stdout, /Nothing created\./);
    assert.doesNotMatch(again.stdout, /Operation/);
    assert.equal(started.emulator.orchestrator.store.listConfigurations().length, 1);

    assert.equal(status.code, 0);
    assert.match(status.stdout, new RegExp(`is bridged by configuration ${configuration.id} "shop bridge"`));
    assert.match(status.stdout, new RegExp(`memory store\\s+${options.memoryStoreId}`));
    assert.match(status.stdout, /memory extraction\s+off/);
    assert.match(status.stdout, /VOICE\s+captures \* → \+15017122661/);
  });

  it('test exits 0 once the message reached the Orchestrator', async () => {
    const { code, stdout, stderr } = await bridge('test');
    assert.equal(code, 0, stderr);
    for (const line of [
      /✓ configuration conv_configuration_\w+ bridges the service/,
      /✓ message IM[0-9a-f]{32} sent/,
      /✓ Orchestrator conversation conv_conversation_\w+ mirrors it/,
      /✓ CHAT participant conv_participant_\w+ carries the classic conversation SID as channelId/,
      /✓ communication conv_communication_\w+ has the message SID as resourceId/,
      /test conversation CH[0-9a-f]{32} deleted/,
      /^Bridge OK: message IM[0-9a-f]{32} reached the Orchestrator in \d+\.\d s\.$/m,
    ]) {
      assert.match(stdout, line);
    }
  });

  it('test exits 1 when the bridge does not sync (paused)', async () => {
    assert.equal((await faults('/bridge', { paused: true })).status, 200);
    try {
      const { code, stdout, stderr } = await bridge('test', '--timeout', '1.5');
      assert.equal(code, 1);
      assert.match(stdout, /… waiting for the sync \(1 s\)/);
      assert.match(stderr.trim(), /^bridge-chat bridge: bridge NOT working \(orchestrator-conversation\): No Orchestrator conversation has channelId CH[0-9a-f]{32} after 1\.\d s$/);
    } finally {
      await faults('');
    }
  });

  it('documents the bridge commands in --help', async () => {
    const [top, own] = await Promise.all([run(['--help'], cleanEnv()), run(['bridge', '--help'], cleanEnv())]);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /bridge +connect the classic service to Conversation Orchestrator/);
    assert.equal(own.code, 0);
    for (const word of ['create', 'status', 'test', '--service', '--memory-store', '--grouping', '--voice-capture', '--name', '--timeout']) {
      assert.ok(own.stdout.includes(word), word);
    }
  });
});
