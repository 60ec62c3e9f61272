import type { ContextResponse, LinkStatus } from '../../protocol/context.js';
import type { BridgeHealthProbe } from '../bridge/health-probe.js';
import { badRequest } from '../errors.js';
import type { SessionClaims } from '../session-token.js';
import type { CompanionSettings } from '../settings.js';
import type { TwilioClient } from '../twilio/client.js';
import { TraitAllowlist } from './allowlist.js';
import { AnswerCache } from './answer-cache.js';
import { loadHistoryPage } from './history.js';
import { LinkChecker } from './link-check.js';
import { loadMemory } from './memory.js';
import { HistoryPageTokens } from './page-token.js';

export interface ContextServiceDeps {
  settings: CompanionSettings;
  twilio: TwilioClient;
  bridge: BridgeHealthProbe;
}

const emptyContext = (status: Exclude<LinkStatus, 'linked'>): ContextResponse => ({
  link: { status },
  history: { items: [] },
  memory: { traits: {}, observations: [] },
});

/**
 * `GET /context` for one session: link status, a page of history and the
 * allowlisted memory, from Twilio at most once per conversation (and history
 * page) per cache window, however many requests arrive.
 *
 * It never fails because Twilio did: any Twilio error makes the whole answer
 * `unavailable` with empty history and memory (a half answer would show
 * "no history" when there is some), kept only as long as `pending` ones.
 */
export class ContextService {
  readonly #settings: CompanionSettings;
  readonly #twilio: TwilioClient;
  readonly #links: LinkChecker;
  readonly #pages: HistoryPageTokens;
  readonly #allowlist: TraitAllowlist;
  readonly #answers: AnswerCache<ContextResponse>;

  constructor({ settings, twilio, bridge }: ContextServiceDeps) {
    this.#settings = settings;
    this.#twilio = twilio;
    this.#links = new LinkChecker({ twilio, serviceSid: settings.serviceSid, bridge, waitMs: settings.contextLinkWaitMs });
    this.#pages = new HistoryPageTokens(settings.sessionSecrets);
    this.#allowlist = new TraitAllowlist(settings.memoryTraits);
    this.#answers = new AnswerCache(({ link }) =>
      link.status === 'pending' || link.status === 'unavailable' ? settings.contextPendingTtlMs : settings.contextCacheTtlMs,
    );
  }

  /** The caller's context; `historyPageToken` (from an earlier answer to the same session) asks for older history. */
  get(claims: SessionClaims, historyPageToken: string | undefined): Promise<ContextResponse> {
    const cursor = historyPageToken === undefined ? undefined : this.#pages.verify(historyPageToken, claims);
    if (historyPageToken !== undefined && cursor === undefined) {
      throw badRequest('historyPageToken is not one this session was given.');
    }
    const key = [claims.identity, claims.conversationSid, cursor ?? ''].join('\n');
    return this.#answers.get(key, () => this.#compute(claims, cursor));
  }

  async #compute(claims: SessionClaims, cursor: string | undefined): Promise<ContextResponse> {
    try {
      const link = await this.#links.check(claims);
      if (link.status !== 'linked') return emptyContext(link.status);
      const storeId = this.#settings.memoryStoreId;
      const profileId = link.customer.profileId;
      const [history, memory] = await Promise.all([
        storeId && profileId
          ? loadHistoryPage(this.#twilio, { storeId, profileId, currentConversationId: link.conversationId, cursor })
          : { items: [], nextCursor: undefined },
        loadMemory(this.#twilio, {
          storeId,
          profileId,
          customer: link.customer,
          allowlist: this.#allowlist,
          observations: this.#settings.memoryObservations,
        }),
      ]);
      return {
        link: { status: 'linked', conversationId: link.conversationId },
        history: {
          items: history.items,
          ...(history.nextCursor === undefined ? {} : { nextPageToken: this.#pages.sign(claims, history.nextCursor) }),
        },
        memory,
      };
    } catch (error) {
      const { status, message } = error as { status?: unknown; message?: unknown };
      console.error(`bridge-chat companion: /context is unavailable, Twilio failed${typeof status === 'number' ? ` (${status})` : ''}:`, message ?? error);
      return emptyContext('unavailable');
    }
  }
}
