import { setTimeout as sleep } from 'node:timers/promises';
import { withDemoDefaults } from '../src/demo-defaults.js';
import { companionOptionsFromEnv, createTwilioClient, parseCompanionOptions, type TwilioClient } from '../src/server/index.js';
import { mintAccessToken } from '../src/server/twilio/access-token.js';
import { type Bench, type BenchTable, round, type SummaryRow } from './support/bench.js';
import { type Child, startChild } from './support/child-process.js';
import type { EmulatorReady } from './support/emulator-process.js';
import { RealtimeSocket } from './support/realtime-socket.js';

const MESSAGES = 1_000;
const VISITOR = 'bench-visitor';
const AGENT = 'bench-agent';
/** After the last message arrived, how long to keep listening for a late duplicate. */
const GRACE_MS = 200;
const DELIVERY_TIMEOUT_MS = 60_000;
/** In flight at once for the concurrent REST run: a handful of agents posting at once. */
const REST_IN_FLIGHT = 16;

interface Delivery {
  index: number;
  body: string | null;
  at: number;
}

interface Sender {
  name: string;
  /** How many posts are in flight at once; 1 posts one after the other, MESSAGES all at once. */
  inFlight: number;
  post(conversationSid: string, body: string): Promise<unknown>;
}

interface Run {
  ok: boolean;
  totalMs: number;
  row: BenchTable['rows'][number];
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const bodyOf = (n: number) => `bench message ${String(n).padStart(4, '0')}`;

/** Posts MESSAGES messages into a new conversation while the visitor's socket listens; checks what arrived. */
async function run(twilio: TwilioClient, serviceSid: string, subscriberOf: () => Promise<RealtimeSocket>, sender: Sender): Promise<Run> {
  const conversations = twilio.conversations.v1.services(serviceSid).conversations;
  const { sid } = await conversations.create({ friendlyName: `bench: ${sender.name}` });
  for (const identity of [VISITOR, AGENT]) await conversations(sid).participants.create({ identity });

  const subscriber = await subscriberOf();
  const deliveries: Delivery[] = [];
  const arrived = new Set<string | null>();
  let allArrived!: () => void;
  const complete = new Promise<void>((resolve) => (allArrived = resolve));
  subscriber.onEvent = (event) => {
    if (event.type !== 'messageAdded' || event.message.conversationSid !== sid) return;
    deliveries.push({ index: event.message.index, body: event.message.body, at: performance.now() });
    arrived.add(event.message.body);
    if (arrived.size === MESSAGES) allArrived();
  };

  try {
    const postedAt = new Map<string, number>();
    const order: string[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < MESSAGES) {
        const body = bodyOf(next++);
        postedAt.set(body, performance.now());
        order.push(body);
        await sender.post(sid, body);
      }
    };
    await Promise.all(Array.from({ length: Math.min(sender.inFlight, MESSAGES) }, worker));
    const timedOut = await Promise.race([complete.then(() => false), sleep(DELIVERY_TIMEOUT_MS).then(() => true)]);
    await sleep(GRACE_MS);

    // Frames are recorded as they are read, so the last one is the latest.
    const totalMs = (deliveries.at(-1)?.at ?? performance.now()) - started;
    const latencies = deliveries
      .filter(({ body }) => body !== null && postedAt.has(body))
      .map(({ body, at }) => at - postedAt.get(body!)!)
      .sort((a, b) => a - b);
    const counts = new Map<string, number>();
    for (const { body } of deliveries) counts.set(String(body), (counts.get(String(body)) ?? 0) + 1);
    const missing = order.filter((body) => !counts.has(body)).length;
    const duplicated = [...counts.values()].filter((count) => count > 1).length;
    const strangers = [...counts.keys()].filter((body) => !postedAt.has(body)).length;
    const exactlyOnce = missing === 0 && duplicated === 0 && strangers === 0;
    // In index order, with no gap; one at a time, also in the order they were posted.
    const inIndexOrder = deliveries.every(({ index }, position) => index === position);
    const inPostOrder = sender.inFlight > 1 || deliveries.every(({ body }, position) => body === order[position]);
    const inOrder = inIndexOrder && inPostOrder;
    const problems = [
      timedOut ? `not all in ${DELIVERY_TIMEOUT_MS / 1000} s` : '',
      missing ? `${missing} missing` : '',
      duplicated ? `${duplicated} duplicated` : '',
      strangers ? `${strangers} unknown` : '',
      inIndexOrder ? '' : 'out of index order',
      inPostOrder ? '' : 'out of post order',
    ].filter(Boolean);
    return {
      ok: exactlyOnce && inOrder && !timedOut,
      totalMs,
      row: [
        sender.name,
        sender.inFlight === MESSAGES ? 'all' : sender.inFlight,
        MESSAGES,
        deliveries.length,
        problems.length === 0 ? 'yes' : problems.join(', '),
        round(totalMs / 1000, 2),
        Math.round(MESSAGES / (totalMs / 1000)),
        round(percentile(latencies, 50), 1),
        round(percentile(latencies, 99), 1),
        round(latencies.at(-1) ?? 0, 1),
      ],
    };
  } finally {
    await subscriber.close();
  }
}

const bench: Bench = {
  name: 'emulator-realtime',
  description: `${MESSAGES.toLocaleString('en-US')} messages posted into one conversation and delivered to a participant's realtime socket on the emulator, checked in order and exactly once.`,
  async run() {
    const emulator: Child<EmulatorReady> = await startChild<EmulatorReady>('emulator-process.ts');
    const { env } = withDemoDefaults({});
    const settings = parseCompanionOptions(companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.ready.url }));
    const sockets: RealtimeSocket[] = [];
    const open = async (identity: string) => {
      const socket = await RealtimeSocket.open(emulator.ready.realtimeUrl, mintAccessToken(settings, identity).token);
      sockets.push(socket);
      return socket;
    };
    try {
      const twilio = createTwilioClient(settings);
      const serviceSid = settings.serviceSid;
      const agent = await open(AGENT);
      const rest = (conversationSid: string, body: string) =>
        twilio.conversations.v1.services(serviceSid).conversations(conversationSid).messages.create({ author: AGENT, body });
      const realtime = (conversationSid: string, body: string) => agent.request('sendMessage', { conversationSid, body, attributes: {} });
      const senders: Sender[] = [
        { name: 'REST (official twilio client), one at a time', inFlight: 1, post: rest },
        { name: `REST (official twilio client), ${REST_IN_FLIGHT} in flight`, inFlight: REST_IN_FLIGHT, post: rest },
        { name: 'realtime sendMessage, one at a time', inFlight: 1, post: realtime },
        { name: 'realtime sendMessage, all pipelined on one socket', inFlight: MESSAGES, post: realtime },
      ];
      const runs: Run[] = [];
      for (const sender of senders) runs.push(await run(twilio, serviceSid, () => open(VISITOR), sender));

      const headline = runs[0]!;
      const summary: SummaryRow[] = [
        {
          metric: `Emulator: ${MESSAGES.toLocaleString('en-US')} messages posted and delivered over realtime`,
          value: `${round(headline.totalMs / 1000, 2)} s (${Math.round(MESSAGES / (headline.totalMs / 1000))} msg/s)`,
          target: 'all delivered, in order, exactly once',
          met: runs.every(({ ok }) => ok),
        },
      ];
      return {
        summary,
        tables: [
          {
            title: `${MESSAGES.toLocaleString('en-US')} messages, one conversation, one subscriber`,
            columns: [
              'posted by',
              'in flight',
              'posted',
              'frames delivered',
              'in order, exactly once',
              'total s',
              'msg/s',
              'p50 ms',
              'p99 ms',
              'max ms',
            ],
            rows: runs.map(({ row }) => row),
          },
        ],
        notes: [
          'The emulator runs in a child process (`node --import tsx`, in-memory state, no bridge configured, so nothing is mirrored to the Orchestrator); the posting clients and the subscriber share the bench process. Loopback, 2 cores.',
          `Each run is a new conversation with two participants: the subscriber (${VISITOR}, its own socket, opened before the first post) and the agent (${AGENT}, the author). The subscriber speaks the socket protocol directly with \`ws\` so every frame is counted, duplicates included.`,
          '"total" runs from the first post to the last delivery; latency is per message, from the moment its post was sent to the moment its `messageAdded` frame was read. One at a time, each post waits for the previous answer (as the e2e helpers post); pipelined, all 1,000 requests are written to the socket without waiting.',
          '"in order" means delivered in index order 0…999 with no gap, and, when posted one at a time, in the order posted. "exactly once" means every posted body arrived once and nothing else did; the subscriber keeps listening for 200 ms after the last one.',
          'The summary row is the first run (REST, one at a time); its check covers all four runs.',
        ],
      };
    } finally {
      for (const socket of sockets) await socket.close();
      await emulator.stop();
    }
  },
};

export default bench;
