/**
 * The chat's own retries after a failure that may heal (ChatController with a manual clock): the
 * backoff schedule, Retry-After, "Try again", coming back online or into view, and what never
 * retries by itself.
 */
import { expect } from '@open-wc/testing';
import { ChatController, retryDelay, type TransportLoader } from '../../src/widget/controllers/chat.controller.js';
import { WidgetError, type WidgetErrorCode } from '../../src/widget/errors.js';
import { CompanionError } from '../../src/widget/session/companion-client.js';
import { FakeSession, FakeTransport, flush, ManualClock, TestHost } from './support/fake-transport.js';

const SECOND = 1_000;

interface RetryRig {
  host: TestHost;
  session: FakeSession;
  clock: ManualClock;
  chat: ChatController;
  /** How many times the chat asked the companion for its session. */
  readonly opens: number;
}

/** A chat over a fake session and transport; `loader` stands in for fetching the realtime client's code. */
function retryRig(loader?: TransportLoader): RetryRig {
  const host = new TestHost();
  const session = new FakeSession();
  const clock = new ManualClock();
  const transport = new FakeTransport();
  const chat = new ChatController(host, session, loader ?? (async () => transport), clock);
  return {
    host,
    session,
    clock,
    chat,
    get opens() {
      return session.openCalls.length;
    },
  };
}

const unreachable = () => new WidgetError('companion_unreachable', 'The chat service cannot be reached.');

/** Moves the clock on, then lets the attempt it started run to its end. */
async function advance(rig: RetryRig, ms: number): Promise<void> {
  rig.clock.advance(ms);
  await flush();
}

function eventTypes(host: TestHost): string[] {
  return host.events.map((event) => event.type);
}

describe('retryDelay', () => {
  it('waits 1 s, doubling to at most 30 s', () => {
    const longest = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((failures) => retryDelay(failures, 0, longest))).to.deep.equal([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('cuts each wait by up to half at random, so visitors do not all come back at once', () => {
    expect(retryDelay(1, 0, () => 0.5)).to.equal(750);
    expect(retryDelay(3, 0, () => 0.999)).to.be.closeTo(2_002, 1);
    expect(retryDelay(9, 0, () => 0.999)).to.be.closeTo(15_015, 1);
  });

  it('never waits less than the companion asked for, and a shorter Retry-After does not hurry it', () => {
    expect(retryDelay(1, 20_000, () => 0)).to.equal(20_000);
    expect(retryDelay(4, 2_000, () => 0)).to.equal(8_000);
  });
});

describe('ChatController retries', () => {
  const attached: TestHost[] = [];

  /** Attaches the host (listeners for online and visibility go on), and detaches it after the test. */
  function attach(rig: RetryRig): void {
    rig.host.attach();
    attached.push(rig.host);
  }

  afterEach(() => {
    for (const host of attached.splice(0)) host.detach();
  });

  it('tries again by itself after an unreachable companion, quietly, and connects when it is back', async () => {
    const rig = retryRig();
    rig.session.openError = unreachable();
    await rig.chat.connect();

    expect(rig.chat.status).to.equal('error');
    expect(rig.chat.retrying).to.equal(true);
    expect(rig.clock.pendingTimers).to.equal(1);
    // The first wait is between half a second and a second.
    await advance(rig, 500);
    expect(rig.opens).to.equal(1);
    await advance(rig, 500);
    expect(rig.opens).to.equal(2);
    // Still failing: shown as it was, not told to the page again.
    expect(rig.chat.status).to.equal('error');
    expect(eventTypes(rig.host)).to.deep.equal(['bridge-chat-error']);

    rig.session.openError = undefined;
    await advance(rig, 2 * SECOND);
    expect(rig.opens).to.equal(3);
    expect(rig.chat.status).to.equal('ready');
    expect(rig.chat.retrying).to.equal(false);
    expect(eventTypes(rig.host)).to.deep.equal(['bridge-chat-error', 'bridge-chat-ready']);
    expect(rig.clock.pendingTimers).to.equal(0);
  });

  it('keeps the failure on show while a retry runs, instead of going back to connecting', async () => {
    const rig = retryRig();
    rig.session.openError = unreachable();
    await rig.chat.connect();
    let release!: () => void;
    rig.session.openGate = new Promise((resolve) => (release = resolve));

    rig.clock.advance(SECOND);
    expect(rig.opens).to.equal(2);
    expect(rig.chat.status).to.equal('error');
    expect(rig.chat.error?.code).to.equal('companion_unreachable');
    release();
    await flush();
  });

  it('waits twice as long after each failure in a row, up to 30 s', async () => {
    const rig = retryRig();
    rig.session.openError = unreachable();
    await rig.chat.connect();
    for (const step of [1, 2, 4, 8, 16, 30, 30].map((seconds) => seconds * SECOND)) {
      const opens = rig.opens;
      await advance(rig, step / 2);
      expect(rig.opens, `no retry before half of ${step} ms`).to.equal(opens);
      await advance(rig, step / 2);
      expect(rig.opens, `a retry within ${step} ms`).to.equal(opens + 1);
    }
  });

  it('"Try again" tries at once and starts the backoff over', async () => {
    const rig = retryRig();
    rig.session.openError = unreachable();
    await rig.chat.connect();
    for (const step of [1, 2, 4]) await advance(rig, step * SECOND);
    expect(rig.opens).to.equal(4);

    const trying = rig.chat.retry();
    expect(rig.chat.status, 'a retry the visitor asked for shows that it is connecting').to.equal('connecting');
    await trying;
    expect(rig.opens).to.equal(5);
    expect(rig.clock.pendingTimers).to.equal(1);
    await advance(rig, SECOND);
    expect(rig.opens, 'back to a wait of at most a second').to.equal(6);
  });

  it('honours the companion’s Retry-After, even when the browser comes back online', async () => {
    const rig = retryRig();
    rig.session.openError = new CompanionError('rate_limited', 'Too many requests; try again in 20 s.', 20 * SECOND);
    attach(rig);
    await flush();
    expect(rig.chat.error?.code).to.equal('rate_limited');

    window.dispatchEvent(new Event('online'));
    await advance(rig, 20 * SECOND - 1);
    expect(rig.opens).to.equal(1);
    rig.session.openError = undefined;
    await advance(rig, 1);
    expect(rig.opens).to.equal(2);
    expect(rig.chat.status).to.equal('ready');
  });

  it('tries again at once when the browser comes back online or the page is shown again', async () => {
    const rig = retryRig();
    rig.session.openError = unreachable();
    attach(rig);
    await flush();
    expect(rig.opens).to.equal(1);

    window.dispatchEvent(new Event('online'));
    await flush();
    expect(rig.opens).to.equal(2);

    expect(document.visibilityState).to.equal('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(rig.opens).to.equal(3);
    expect(rig.clock.pendingTimers, 'one retry scheduled, not one per wake-up').to.equal(1);
  });

  it('stops every timer and listener when its host is detached', async () => {
    const rig = retryRig();
    rig.session.openError = unreachable();
    rig.host.attach();
    await flush();
    expect(rig.clock.pendingTimers).to.equal(1);

    rig.host.detach();
    expect(rig.clock.pendingTimers).to.equal(0);
    window.dispatchEvent(new Event('online'));
    await advance(rig, 60 * SECOND);
    expect(rig.opens).to.equal(1);
    expect(rig.chat.status).to.equal('idle');
  });

  const healing: WidgetErrorCode[] = ['companion_unreachable', 'rate_limited', 'upstream_error', 'upstream_unavailable', 'internal_error'];
  for (const code of healing) {
    it(`retries after ${code}`, async () => {
      const rig = retryRig();
      rig.session.openError = new WidgetError(code, code);
      await rig.chat.connect();
      expect(rig.chat.retrying).to.equal(true);
      await advance(rig, SECOND);
      expect(rig.opens).to.equal(2);
    });
  }

  const lasting: WidgetErrorCode[] = ['not_configured', 'forbidden', 'unauthorized', 'bad_request', 'invalid_session_response'];
  for (const code of lasting) {
    it(`waits for the visitor after ${code}`, async () => {
      const rig = retryRig();
      rig.session.openError = new WidgetError(code, code);
      await rig.chat.connect();
      expect(rig.chat.status).to.equal('error');
      expect(rig.chat.retrying).to.equal(false);
      expect(rig.clock.pendingTimers).to.equal(0);
      await advance(rig, 60 * SECOND);
      expect(rig.opens).to.equal(1);
    });
  }

  it('does not retry a refused realtime connection by itself', async () => {
    const transport = new FakeTransport();
    const rig = retryRig(async () => transport);
    await rig.chat.connect();
    transport.setConnectionState('denied');
    expect(rig.chat.error?.code).to.equal('connection_denied');
    expect(rig.clock.pendingTimers).to.equal(0);

    // "Try again" then connects afresh.
    await rig.chat.retry();
    expect(rig.opens).to.equal(2);
    expect(rig.chat.status).to.equal('ready');
  });

  it('fetches the realtime client’s code again after it failed to load', async () => {
    const transport = new FakeTransport();
    let loads = 0;
    const rig = retryRig(async () => {
      if (++loads === 1) throw new WidgetError('panel_load_failed', 'The chat could not be loaded (TypeError: Failed to fetch).');
      return transport;
    });
    await rig.chat.connect();
    expect(rig.chat.error?.code).to.equal('panel_load_failed');
    expect(rig.chat.retrying).to.equal(true);

    await advance(rig, SECOND);
    expect(loads).to.equal(2);
    expect(rig.chat.status).to.equal('ready');
  });

  it('retries a failed pre-chat start with the visitor’s details, not the form again', async () => {
    const rig = retryRig();
    rig.host.prechatFields = [{ name: 'name', required: true }];
    rig.session.openError = unreachable();
    await rig.chat.start({ name: 'Ada' });
    rig.session.openError = undefined;

    await advance(rig, SECOND);
    expect(rig.session.openCalls).to.deep.equal([{ name: 'Ada' }, { name: 'Ada' }]);
    expect(rig.session.needsDetailsCalls).to.deep.equal([]);
    expect(rig.chat.status).to.equal('ready');
  });

  it('tells the page again when the reason changes, and stops retrying when it can no longer heal', async () => {
    const rig = retryRig();
    rig.session.openError = unreachable();
    await rig.chat.connect();
    rig.session.openError = new WidgetError('upstream_unavailable', 'Twilio could not be reached; try again shortly.');
    await advance(rig, SECOND);
    rig.session.openError = new WidgetError('forbidden', 'This origin may not use the chat.');
    await advance(rig, 2 * SECOND);

    expect(rig.host.events.map((event) => (event.detail as { code: string }).code)).to.deep.equal([
      'companion_unreachable',
      'upstream_unavailable',
      'forbidden',
    ]);
    expect(rig.chat.retrying).to.equal(false);
    expect(rig.clock.pendingTimers).to.equal(0);
  });
});
