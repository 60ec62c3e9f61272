import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BridgeError,
  type CreateBridgeProgress,
  bridgeStatus,
  createBridge,
} from '../../src/server/bridge/index.js';
import { assertOwnTraffic } from '../../src/server/bridge/capture-rules.js';
import { createTwilioClient } from '../../src/server/index.js';
import { bridgeService, options, startEmulator, waitFor, type StartedEmulator } from '../emulator/support.js';

/** A client as the companion and the CLI make it. */
const clientFor = (emulatorUrl: string) =>
  createTwilioClient({ ...options, emulatorUrl, twilioTimeoutMs: 5_000 });

/** Nothing listens here: a check that fails with BridgeError rather than a network error ran before any call. */
const offline = clientFor('http://127.0.0.1:1');

const guideInput = { serviceSid: options.serviceSid, memoryStoreId: options.memoryStoreId };

async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BridgeError, `expected a BridgeError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('createBridge: the guide\'s bridged configuration', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  it('reports a FAILED operation with Twilio\'s problem details, and bridges nothing', async () => {
    const unknownStore = 'mem_store_7' + '9'.repeat(25);
    const error = await rejection(createBridge(clientFor(started.running.url), { ...guideInput, memoryStoreId: unknownStore }));
    assert.equal(error.kind, 'failed');
    assert.equal(error.problem?.title, 'Not Found');
    assert.equal(error.problem?.detail, `Memory store ${unknownStore} was not found`);
    assert.match(error.message, /^Operation proc_job_\w+ FAILED: Not Found: Memory store mem_store_7\d+ was not found$/);
    assert.equal((await bridgeStatus(clientFor(started.running.url), options.serviceSid)).bridged, false);
  });

  it('POSTs the configuration and polls its operation, honouring Retry-After, until COMPLETED', async () => {
    const progress: CreateBridgeProgress[] = [];
    const result = await createBridge(clientFor(started.running.url), guideInput, { onProgress: (p) => progress.push(p) });

    assert.equal(result.created, true);
    const { configuration } = result;
    assert.match(configuration.id, /^conv_configuration_/);
    assert.equal(configuration.displayName, 'classic-bridge-config');
    assert.equal(configuration.grouping, 'GROUP_BY_PARTICIPANT_ADDRESSES');
    assert.equal(configuration.memoryStoreId, options.memoryStoreId);
    assert.equal(configuration.bridgedServiceSid, options.serviceSid);
    assert.deepEqual(configuration.channelSettings, {});

    const [accepted, ...polls] = progress;
    assert.deepEqual(accepted, {
      kind: 'accepted',
      operationId: result.operationId,
      configurationId: configuration.id,
      firstWaitMs: 1000, // the 202's Retry-After
    });
    const statuses = polls.map((poll) => (poll.kind === 'poll' && poll.operationId === result.operationId ? poll.status : '?'));
    assert.equal(statuses.at(-1), 'COMPLETED');
    const first = polls[0];
    assert.ok(first?.kind === 'poll' && first.elapsedMs >= 950, 'the first poll waited for Retry-After');

    const onTwilio = await started.twilioClient.conversations.v2.configurations.list();
    assert.deepEqual(onTwilio.map((item) => item.id), [configuration.id]);
  });

  it('reports the existing configuration instead of creating a duplicate, with how it differs', async () => {
    const progress: CreateBridgeProgress[] = [];
    const result = await createBridge(
      clientFor(started.running.url),
      { ...guideInput, grouping: 'GROUP_BY_PROFILE' },
      { onProgress: (p) => progress.push(p) },
    );
    assert.equal(result.created, false);
    assert.equal(result.operationId, undefined);
    assert.deepEqual(result.differences, [
      'grouping is GROUP_BY_PARTICIPANT_ADDRESSES, not GROUP_BY_PROFILE (it cannot be changed)',
    ]);
    assert.deepEqual(progress, [], 'nothing was requested');
    assert.equal((await started.twilioClient.conversations.v2.configurations.list()).length, 1);
  });
});

describe('createBridge: voice capture beside the bridge', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
    // Another configuration already captures calls to one number.
    await started.twilioClient.conversations.v2.configurations.create({
      displayName: 'voice-line',
      description: 'Captures the support line',
      conversationGroupingType: 'GROUP_BY_PROFILE',
      memoryStoreId: options.memoryStoreId,
      channelSettings: { VOICE: { captureRules: [{ from: '*', to: '+15550001111', metadata: { callType: 'PSTN' } }] } },
    });
    await waitFor(
      async () => ((await started.twilioClient.conversations.v2.configurations.list()).length === 1 ? true : undefined),
      'the voice configuration',
    );
  });
  after(() => started.running.close());

  it('refuses a capture rule another configuration already has', async () => {
    const error = await rejection(
      createBridge(clientFor(started.running.url), { ...guideInput, voiceCaptureTo: '+15550001111' }),
    );
    assert.equal(error.kind, 'refused');
    assert.match(error.message, /VOICE capture rule \* → \+15550001111 \(callType=PSTN\) overlaps a rule of configuration conv_configuration_\w+ \("voice-line"\)/);
    assert.equal((await bridgeStatus(clientFor(started.running.url), options.serviceSid)).bridged, false);
  });

  it('adds the guide\'s VOICE capture rule, and status reports every setting', async () => {
    const name = 'n'.repeat(32);
    const result = await createBridge(clientFor(started.running.url), {
      ...guideInput,
      grouping: 'GROUP_BY_PROFILE',
      voiceCaptureTo: '+15017122661',
      displayName: name,
    });
    assert.equal(result.created, true);

    const status = await bridgeStatus(clientFor(started.running.url), options.serviceSid);
    assert.equal(status.bridged, true);
    assert.equal(status.configurations.length, 1);
    const [configuration] = status.configurations;
    assert.equal(configuration?.id, result.configuration.id);
    assert.equal(configuration?.displayName, name);
    assert.equal(configuration?.grouping, 'GROUP_BY_PROFILE');
    assert.equal(configuration?.memoryStoreId, options.memoryStoreId);
    assert.equal(configuration?.memoryExtractionEnabled, false);
    assert.deepEqual(configuration?.channelSettings, {
      VOICE: { captureRules: [{ from: '*', to: '+15017122661', metadata: { callType: 'PSTN' } }] },
    });
    assert.ok(configuration?.createdAt instanceof Date);
  });
});

describe('createBridge: input checked before Twilio is called', () => {
  it('validates the display name as Twilio does', async () => {
    for (const displayName of ['n'.repeat(33), 'bridge/config', 'café', '']) {
      const error = await rejection(createBridge(offline, { ...guideInput, displayName }));
      assert.equal(error.kind, 'invalid', displayName);
      assert.match(error.message, /1 to 32 letters, digits, spaces/);
    }
  });

  it('validates the service, grouping and voice number', async () => {
    const cases: Array<[Parameters<typeof createBridge>[1], RegExp]> = [
      [{ ...guideInput, serviceSid: 'IS123' }, /not a Conversations service SID/],
      [{ ...guideInput, memoryStoreId: ' ' }, /memory store ID is required/],
      [{ ...guideInput, grouping: 'BY_MOOD' as never }, /Grouping "BY_MOOD" is not one of/],
      [{ ...guideInput, voiceCaptureTo: '555-0100' }, /not an E\.164 phone number/],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(createBridge(offline, input));
      assert.equal(error.kind, 'invalid');
      assert.match(error.message, message);
    }
  });

  it('refuses capture rules on any channel the bridge carries (one integration per channel)', async () => {
    for (const channel of ['CHAT', 'SMS', 'WHATSAPP', 'RCS'] as const) {
      const error = await rejection(
        createBridge(offline, { ...guideInput, captureRules: { [channel]: [{ from: '*', to: '*' }] } }),
      );
      assert.equal(error.kind, 'refused');
      assert.match(error.message, new RegExp(`^${channel} capture rules would take traffic the classic bridge already carries`));
    }
  });

  it('treats rules as overlapping when they agree on a side and no address or metadata value tells them apart', () => {
    const existing = (rule: { from: string; to: string; metadata?: Record<string, string> }) => [
      {
        id: 'conv_configuration_other',
        displayName: 'other',
        description: '',
        grouping: 'GROUP_BY_PROFILE' as const,
        memoryStoreId: options.memoryStoreId,
        memoryExtractionEnabled: false,
        channelSettings: { VOICE: { captureRules: [rule] } },
      },
    ];
    const ours = { VOICE: [{ from: '*', to: '+15017122661', metadata: { callType: 'PSTN' } }] };
    assert.throws(() => assertOwnTraffic(ours, existing({ from: '*', to: '*' })), /overlaps/);
    assert.throws(() => assertOwnTraffic(ours, existing({ from: '+15550002222', to: '+15017122661' })), /overlaps/);
    assert.doesNotThrow(() => assertOwnTraffic(ours, existing({ from: '*', to: '+15550003333' })));
    assert.doesNotThrow(() => assertOwnTraffic(ours, existing({ from: '+15550004444', to: '*' })), 'calls from another number');
    assert.doesNotThrow(() => assertOwnTraffic(ours, existing({ from: '*', to: '*', metadata: { callType: 'SIP' } })));
  });
});

describe('bridgeStatus', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  it('finds the bridging configuration past the first page of configurations', async () => {
    const v2 = started.twilioClient.conversations.v2;
    const others = 55; // Twilio's default page holds 50
    await Promise.all(
      Array.from({ length: others }, (_, index) =>
        v2.configurations.create({
          displayName: `unrelated-${index}`,
          description: 'Not a bridge',
          conversationGroupingType: 'GROUP_BY_PROFILE',
          memoryStoreId: options.memoryStoreId,
        }),
      ),
    );
    await waitFor(
      async () => (started.emulator.orchestrator.store.listConfigurations().length === others ? true : undefined),
      'the unrelated configurations',
    );
    assert.equal((await bridgeStatus(clientFor(started.running.url), options.serviceSid)).bridged, false);

    const configurationId = await bridgeService(started.twilioClient);
    const firstPage = await v2.configurations.page();
    assert.ok(!firstPage.instances.some((item) => item.id === configurationId), 'the bridge is not on page one');

    const status = await bridgeStatus(clientFor(started.running.url), options.serviceSid);
    assert.deepEqual(status.configurations.map((item) => item.id), [configurationId]);
    assert.equal(status.bridged, true);
    assert.equal((await bridgeStatus(clientFor(started.running.url), 'IS' + 'f'.repeat(32))).bridged, false);
  });
});
