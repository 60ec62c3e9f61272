import type { BridgeConfiguration, CaptureRule, Channel } from './configurations.js';
import { BridgeError } from './errors.js';

/**
 * Twilio's guide: one integration per channel — capture rules and a classic
 * bridge must not take the same traffic. With `conversationsV1Bridge` set,
 * the messaging channels reach the Orchestrator through the classic service
 * (Chat only that way), so a bridged configuration captures VOICE at most.
 */
const CHANNELS_OF_THE_BRIDGE: readonly Channel[] = ['CHAT', 'SMS', 'RCS', 'WHATSAPP'];

/** E.164, as Twilio writes phone numbers. */
const PHONE_NUMBER = /^\+[1-9]\d{1,14}$/;

/** The guide's passive voice capture: every PSTN call to this number. */
export function voiceCaptureRule(to: string): CaptureRule {
  if (!PHONE_NUMBER.test(to)) {
    throw new BridgeError('invalid', `Voice capture number "${to}" is not an E.164 phone number such as +15017122661`);
  }
  return { from: '*', to, metadata: { callType: 'PSTN' } };
}

/** Refuses rules the bridge already covers, and rules another configuration already captures. */
export function assertOwnTraffic(
  rules: Partial<Record<Channel, CaptureRule[]>>,
  others: readonly BridgeConfiguration[],
): void {
  for (const [channel, list] of Object.entries(rules) as Array<[Channel, CaptureRule[]]>) {
    if (list.length === 0) continue;
    if (CHANNELS_OF_THE_BRIDGE.includes(channel)) {
      throw new BridgeError(
        'refused',
        `${channel} capture rules would take traffic the classic bridge already carries; pick one integration per channel (only VOICE may be captured beside the bridge)`,
      );
    }
    for (const rule of list) {
      const taken = others.find((other) => other.channelSettings[channel]?.captureRules?.some((theirs) => overlaps(rule, theirs)));
      if (taken) {
        throw new BridgeError(
          'refused',
          `${channel} capture rule ${describeRule(rule)} overlaps a rule of configuration ${taken.id} ("${taken.displayName}"); the same calls would be captured twice`,
        );
      }
    }
  }
}

export const describeRule = (rule: CaptureRule) =>
  `${rule.from} → ${rule.to}${rule.metadata ? ` (${Object.entries(rule.metadata).map(([key, value]) => `${key}=${value}`).join(', ')})` : ''}`;

const sameAddress = (a: string, b: string) => a === '*' || b === '*' || a === b;

/**
 * Whether two rules take the same traffic: both sides match (`*` matches
 * all), they agree on one side (`* → N` and `* → N`, or anything and
 * `* → *`), and no metadata key disagrees. Rules anchored on different sides
 * (calls to N, calls from M) share only the calls from M to N: different traffic.
 */
function overlaps(a: CaptureRule, b: CaptureRule): boolean {
  if (!sameAddress(a.from, b.from) || !sameAddress(a.to, b.to)) return false;
  if (a.from !== b.from && a.to !== b.to) return false;
  return Object.entries(a.metadata ?? {}).every(([key, value]) => b.metadata?.[key] === undefined || b.metadata[key] === value);
}
