/**
 * The soak's side door into the demo's emulator: its fault-injection control
 * API, and the conversation read over Twilio's REST API (retrying what the
 * injected failures refuse, as any Twilio client should).
 */
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { DEMO_DEFAULTS } from '../../src/demo-defaults.js';
import type { FailureStatus, InjectedFaults } from '../../src/emulator/faults/fault-plan.js';
import { EmulatorHttpClient } from '../../src/server/twilio/emulator-http-client.js';

/** A message as the conversation holds it. */
export interface StoredMessage {
  index: number;
  body: string;
  clientId: string | undefined;
}

export class SoakEmulator {
  readonly #url: string;
  readonly #twilio: twilio.Twilio;

  constructor(emulatorUrl: string) {
    this.#url = emulatorUrl;
    const { TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET } = DEMO_DEFAULTS;
    // Patient retries: a share of these requests fails on purpose.
    const httpClient = new EmulatorHttpClient(emulatorUrl, {
      retry: { maxAttempts: 20, budgetMs: 60_000, baseDelayMs: 50, maxDelayMs: 1_000 },
    });
    this.#twilio = twilio(TWILIO_API_KEY, TWILIO_API_SECRET, { accountSid: TWILIO_ACCOUNT_SID, httpClient });
  }

  /** Fails this share of every request (REST and the widget's realtime requests) with `status`. */
  async failShare(ratio: number, status: FailureStatus): Promise<void> {
    await this.#control('/fail', { ratio, status, retryAfterSeconds: 0 });
  }

  async latency(ms: number): Promise<void> {
    await this.#control('/latency', { ms });
  }

  /** Drops every realtime socket; resolves with how many there were. */
  async dropSockets(): Promise<number> {
    return ((await this.#control('/drop-sockets', {})) as { dropped: number }).dropped;
  }

  async injected(): Promise<InjectedFaults> {
    return ((await this.#control('')) as { injected: InjectedFaults }).injected;
  }

  async faultsOff(): Promise<void> {
    await this.#control('', undefined, 'DELETE');
  }

  /** Every message of the conversation, oldest first. */
  async messages(conversationSid: string): Promise<StoredMessage[]> {
    const service = this.#twilio.conversations.v1.services(DEMO_DEFAULTS.TWILIO_CONVERSATIONS_SERVICE_SID);
    const messages = await service.conversations(conversationSid).messages.list({ pageSize: 100 });
    return messages.map((message) => ({
      index: message.index,
      body: message.body ?? '',
      clientId: clientIdOf(message.attributes),
    }));
  }

  async #control(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<unknown> {
    const response = await fetch(`${this.#url}/__emulator/faults${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.equal(response.status, 200, `the emulator refused ${method} faults${path}: ${await response.clone().text()}`);
    return response.json();
  }
}

function clientIdOf(attributes: string): string | undefined {
  try {
    const parsed = JSON.parse(attributes) as { clientId?: unknown };
    return typeof parsed.clientId === 'string' ? parsed.clientId : undefined;
  } catch {
    return undefined;
  }
}
