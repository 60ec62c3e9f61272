import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { runBridgeCommand } from '../../src/cli/bridge-command.js';
import { options } from '../emulator/support.js';

/** Nothing listens here, so any command that got as far as Twilio fails with "could not be reached". */
const unreachable = {
  BRIDGE_CHAT_EMULATOR_URL: 'http://127.0.0.1:1',
  TWILIO_ACCOUNT_SID: options.accountSid,
  TWILIO_API_KEY: options.apiKey,
  TWILIO_API_SECRET: options.apiSecret,
  TWILIO_CONVERSATIONS_SERVICE_SID: options.serviceSid,
  TWILIO_MEMORY_STORE_ID: options.memoryStoreId,
};

/** Runs the command in this process and returns its exit code and what it printed. */
async function bridge(t: TestContext, args: string[], env: Record<string, string | undefined> = unreachable) {
  const out: string[] = [];
  const err: string[] = [];
  t.mock.method(console, 'log', (line: string) => out.push(line));
  t.mock.method(console, 'error', (line: string) => err.push(line));
  const code = await runBridgeCommand(args, () => env);
  t.mock.restoreAll();
  return { code, out, err };
}

describe('bridge-chat bridge arguments', () => {
  it('rejects each bad argument with one line and a pointer to the help, before calling Twilio', async (t) => {
    const cases: Array<[string[], RegExp]> = [
      [['create', '--colour', 'red'], /^bridge-chat bridge: Unknown option '--colour'/],
      [['status', '--memory-store', 'x'], /^bridge-chat bridge: Unknown option '--memory-store'/],
      [['test', '--grouping', 'GROUP_BY_PROFILE'], /^bridge-chat bridge: Unknown option '--grouping'/],
      [['launch'], /^bridge-chat bridge: unknown bridge command "launch"$/],
      [['test', '--timeout', 'soon'], /^bridge-chat bridge: --timeout "soon" is not a number of seconds$/],
      [['create', '--timeout', '0'], /^bridge-chat bridge: --timeout "0" is not a number of seconds$/],
      [['status', '--service', 'IS123'], /^bridge-chat bridge: service "IS123" is not a Conversations service SID/],
      [['create', '--name', 'a/b'], /^bridge-chat bridge: Name "a\/b" must be 1 to 32 letters/],
      [['create', '--voice-capture', '0800 CALL ME'], /^bridge-chat bridge: Voice capture number "0800 CALL ME" is not an E\.164/],
    ];
    for (const [args, line] of cases) {
      const { code, out, err } = await bridge(t, args);
      assert.equal(code, 1, args.join(' '));
      assert.deepEqual(out, [], args.join(' '));
      assert.match(err[0] ?? '', line);
      // Twilio is unreachable here, so a usage error proves the check ran first.
      assert.deepEqual(err.slice(1), ['Try bridge-chat bridge --help.']);
    }
  });

  it('takes the service and memory store from the environment, or asks for them', async (t) => {
    const withoutService = { ...unreachable, TWILIO_CONVERSATIONS_SERVICE_SID: undefined };
    const missingService = await bridge(t, ['status'], withoutService);
    assert.equal(missingService.code, 1);
    assert.equal(missingService.err[0], 'bridge-chat bridge: --service is required (or set TWILIO_CONVERSATIONS_SERVICE_SID)');

    const missingStore = await bridge(t, ['create'], { ...unreachable, TWILIO_MEMORY_STORE_ID: undefined });
    assert.equal(missingStore.err[0], 'bridge-chat bridge: --memory-store is required (or set TWILIO_MEMORY_STORE_ID)');

    const flag = await bridge(t, ['status', '--service', options.serviceSid], withoutService);
    assert.match(flag.err[0] ?? '', /could not be reached/, 'the flag stands in for the variable');
  });

  it('names a missing or malformed credential the way serve does', async (t) => {
    const { code, err } = await bridge(t, ['status'], { ...unreachable, TWILIO_API_KEY: 'SK123' });
    assert.equal(code, 1);
    assert.deepEqual(err, ['bridge-chat bridge: setting apiKey (TWILIO_API_KEY) must look like SK followed by 32 hex digits']);
  });

  it('says in one line when Twilio cannot be reached', async (t) => {
    const { code, err } = await bridge(t, ['status']);
    assert.equal(code, 1);
    assert.deepEqual(err, ['bridge-chat bridge: Twilio could not be reached: connect ECONNREFUSED 127.0.0.1:1']);
  });
});
