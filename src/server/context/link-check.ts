import type { BridgeHealthProbe } from '../bridge/health-probe.js';
import type { SessionClaims } from '../session-token.js';
import type { TwilioClient } from '../twilio/client.js';
import { newestMessageSid } from '../twilio/conversations.js';
import {
  conversationIdsByChannelId,
  fetchOrchestratorConversation,
  type OrchestratorParticipant,
} from '../twilio/orchestrator.js';

export type LinkResult =
  | { status: 'linked'; conversationId: string; customer: OrchestratorParticipant }
  | { status: 'pending' | 'not-bridged' | 'unavailable' };

export interface LinkCheckDeps {
  twilio: TwilioClient;
  serviceSid: string;
  /** The cached "which configuration bridges the service" lookup that `/healthz?deep=1` uses too. */
  bridge: BridgeHealthProbe;
  /** How long to keep asking while the bridge syncs a new chat (Twilio: about three seconds). */
  waitMs: number;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Finds the Orchestrator conversation the bridge made for a session's classic
 * conversation: `conversations.v2` filtered by `channelId` = the CH… SID,
 * confirmed by the visitor's own CUSTOMER participant, whose CHAT address is
 * their identity with `channelId` = that CH… SID.
 *
 * Fallback when the filter finds nothing: Twilio documents `channelId` as a
 * resource identifier "such as callSid or messageSid", and the bridge mirrors
 * each classic message as a communication whose `resourceId` is its IM… SID;
 * so the chat's newest message SID is tried too, with the same confirmation.
 * That costs two calls, however many conversations the account has; a chat
 * with no message yet stays `pending` until it has one.
 *
 * Twilio errors are thrown; the caller answers `unavailable`.
 */
export class LinkChecker {
  constructor(private readonly deps: LinkCheckDeps) {}

  async check(claims: SessionClaims): Promise<LinkResult> {
    const health = await this.deps.bridge.check();
    if (health.status !== 'ok') return { status: 'unavailable' };
    if (!health.bridge.bridged) return { status: 'not-bridged' };
    const deadline = Date.now() + this.deps.waitMs;
    for (let retry = 0; ; retry += 1) {
      const linked = await this.#find(claims);
      if (linked) return linked;
      const left = deadline - Date.now();
      if (left <= 0) return { status: 'pending' };
      await sleep(Math.min(left, FIRST_RETRY_MS * 2 ** retry, MAX_RETRY_MS));
    }
  }

  async #find(claims: SessionClaims): Promise<LinkResult | undefined> {
    const { twilio, serviceSid } = this.deps;
    let candidates = await conversationIdsByChannelId(twilio, claims.conversationSid);
    if (candidates.length === 0) {
      const messageSid = await newestMessageSid(twilio, serviceSid, claims.conversationSid);
      if (messageSid) candidates = await conversationIdsByChannelId(twilio, messageSid);
    }
    for (const conversationId of candidates) {
      const conversation = await fetchOrchestratorConversation(twilio, conversationId);
      const customer = conversation?.participants.find((participant) => isVisitor(participant, claims));
      if (customer) return { status: 'linked', conversationId, customer };
    }
    return undefined;
  }
}

/** The session's own visitor, as the bridge mirrors them. */
const isVisitor = (participant: OrchestratorParticipant, claims: SessionClaims) =>
  participant.type === 'CUSTOMER' &&
  participant.addresses.some(
    (address) => address.channel === 'CHAT' && address.channelId === claims.conversationSid && address.address === claims.identity,
  );
