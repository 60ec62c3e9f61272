import type { TestRunnerPlugin } from '@web/test-runner';
import type { ChromeLauncher } from '@web/test-runner-chrome';
import type { Stack } from '../support/stack.js';
import { RealtimeAgent } from './support/realtime-agent.js';
import { type ControlledCompanion, startControlledCompanion } from './support/controlled-companion.js';
import { sleepTab } from './support/tab-sleep.js';
import { failNextRequest } from './support/fail-request.js';
import {
  AGENT_IDENTITY,
  AGENT_JOIN,
  AGENT_LISTEN,
  AGENT_NAME,
  AGENT_READ,
  AGENT_TYPING,
  AGENT_TYPING_SEEN,
  type AgentReadPayload,
  CLOSE_CONVERSATION,
  type ConversationPayload,
  EXPIRE_TOKENS,
  GET_CONVERSATION,
  LIST_MESSAGES,
  LIST_PARTICIPANTS,
  PARTICIPANT_POSTS,
  type ParticipantPostsPayload,
  POST_AGENT_MESSAGE,
  POST_MESSAGES,
  type PostAgentMessagePayload,
  type PostMessagesPayload,
  REALTIME_LINK,
  type RealtimeLinkPayload,
  REMOVE_PARTICIPANT,
  type RemoveParticipantPayload,
  RESET_FAULTS,
  type RestConversation,
  type RestMessage,
  type RestParticipant,
  COMPANION_REACHABLE,
  type CompanionReachablePayload,
  CONTROLLED_COMPANION,
  type ControlledCompanionPayload,
  ROTATE_COMPANION_SECRET,
  STACK_CONFIG_PATH,
  type StackConfig,
  TAB_SLEEP,
  FAIL_NEXT_REQUEST,
  type FailNextRequestPayload,
  TWILIO_FAILS,
  type TwilioFailsPayload,
} from './support/stack-protocol.js';

/** Twilio's "participant already exists", which joining again answers. */
const PARTICIPANT_EXISTS = 50433;
/** Twilio's "conversation already closed". */
const CONVERSATION_CLOSED = 50377;
/** How long a tab sleeps (TAB_SLEEP) once its link is down and its tokens expired. */
const TAB_SLEEP_MS = 1_100;

/**
 * Gives the browser tests the backend: its URLs at STACK_CONFIG_PATH, and server
 * commands that act on the REST side as an agent (post, read, close, list),
 * as an agent on its own realtime client (type, hear typing), or inject a
 * fault (expire tokens, take the visitor's realtime link down, put the tab to
 * sleep, rotate or cut a companion of the tests' own, make Twilio fail, drop
 * one download of the page).
 */
export function stackPlugin(stack: Stack, unreachableUrl: string): TestRunnerPlugin {
  const config: StackConfig = {
    companionUrl: stack.companionUrl,
    emulatorUrl: stack.emulatorUrl,
    gatewayUrl: stack.gatewayUrl,
    unreachableUrl,
  };
  const conversations = (sid: string) => stack.twilio.conversations.v1.services(stack.serviceSid).conversations(sid);
  const realtimeUrl = `${stack.emulatorUrl.replace(/^http/, 'ws')}/realtime`;
  let agent: RealtimeAgent | undefined;
  let controlled: Promise<ControlledCompanion> | undefined;

  const faults = async (path: string, method = 'POST') => {
    const response = await fetch(`${stack.emulatorUrl}/__emulator/faults${path}`, { method });
    if (!response.ok) throw new Error(`The emulator refused ${method} faults${path} (${response.status})`);
    return response.json() as Promise<unknown>;
  };

  async function joinAsAgent(conversationSid: string): Promise<void> {
    await joinAs(conversationSid, AGENT_IDENTITY, AGENT_NAME);
  }

  async function joinAs(conversationSid: string, identity: string, friendlyName: string): Promise<void> {
    try {
      await conversations(conversationSid).participants.create({
        identity,
        attributes: JSON.stringify({ friendlyName }),
      });
    } catch (error) {
      if ((error as { code?: number }).code !== PARTICIPANT_EXISTS) throw error;
    }
  }

  async function agentConversation(conversationSid: string) {
    await joinAsAgent(conversationSid);
    agent ??= new RealtimeAgent(stack.accessToken(AGENT_IDENTITY), realtimeUrl);
    return agent.conversation(conversationSid);
  }

  return {
    name: 'bridge-chat-stack',

    serve(context) {
      if (context.path === STACK_CONFIG_PATH) return { body: JSON.stringify(config), type: 'json' };
      return undefined;
    },

    async serverStop() {
      await agent?.close();
      await controlled?.then((companion) => companion.close(), () => undefined);
    },

    async executeCommand({ command, payload, session }) {
      switch (command) {
        case POST_AGENT_MESSAGE: {
          const { conversationSid, body, author = 'agent' } = payload as PostAgentMessagePayload;
          const message = await conversations(conversationSid).messages.create({ author, body });
          return { sid: message.sid };
        }
        case POST_MESSAGES: {
          const { conversationSid, bodies, author = AGENT_IDENTITY } = payload as PostMessagesPayload;
          for (const body of bodies) await conversations(conversationSid).messages.create({ author, body });
          return { posted: bodies.length };
        }
        case LIST_MESSAGES: {
          const { conversationSid } = payload as ConversationPayload;
          const messages = await conversations(conversationSid).messages.list({ limit: 1000 });
          return messages.map((message): RestMessage => ({
            index: message.index,
            author: message.author,
            body: message.body,
            attributes: parseAttributes(message.attributes),
            media: ((message.media ?? []) as { sid: string; content_type: string; filename: string | null; size: number }[]).map(
              (media) => ({ sid: media.sid, contentType: media.content_type, filename: media.filename, size: media.size }),
            ),
          }));
        }
        case GET_CONVERSATION: {
          const { conversationSid } = payload as ConversationPayload;
          const conversation = await conversations(conversationSid).fetch();
          return {
            sid: conversation.sid,
            state: conversation.state,
            friendlyName: conversation.friendlyName,
            attributes: parseAttributes(conversation.attributes),
          } satisfies RestConversation;
        }
        case LIST_PARTICIPANTS: {
          const { conversationSid } = payload as ConversationPayload;
          const participants = await conversations(conversationSid).participants.list();
          return participants.map((participant): RestParticipant => ({
            identity: participant.identity,
            attributes: parseAttributes(participant.attributes),
            lastReadMessageIndex: participant.lastReadMessageIndex,
          }));
        }
        case CLOSE_CONVERSATION: {
          const { conversationSid } = payload as ConversationPayload;
          try {
            await conversations(conversationSid).update({ state: 'closed' });
          } catch (error) {
            if ((error as { code?: number }).code !== CONVERSATION_CLOSED) throw error;
          }
          return { closed: true };
        }
        case AGENT_JOIN: {
          const { conversationSid } = payload as ConversationPayload;
          await joinAsAgent(conversationSid);
          return { joined: true };
        }
        case AGENT_READ: {
          const { conversationSid, index } = payload as AgentReadPayload;
          await joinAsAgent(conversationSid);
          const participant = await conversations(conversationSid)
            .participants(AGENT_IDENTITY)
            .update({ lastReadMessageIndex: index });
          return { lastReadMessageIndex: participant.lastReadMessageIndex };
        }
        case REMOVE_PARTICIPANT: {
          const { conversationSid, identity } = payload as RemoveParticipantPayload;
          await conversations(conversationSid).participants(identity).remove();
          return { removed: true };
        }
        case REALTIME_LINK: {
          const { up } = payload as RealtimeLinkPayload;
          if (up) {
            stack.realtimeGate.reopen();
            return { up: true };
          }
          // The gate first, so that no client gets back in between; then the emulator's own fault drops the sockets.
          stack.realtimeGate.shut();
          await faults('/drop-sockets');
          return { up: false };
        }
        case RESET_FAULTS: {
          stack.realtimeGate.reopen();
          await faults('', 'DELETE');
          return { reset: true };
        }
        case EXPIRE_TOKENS: {
          await faults('/expire-tokens');
          return { expired: true };
        }
        case AGENT_LISTEN: {
          const { conversationSid } = payload as ConversationPayload;
          await agentConversation(conversationSid);
          return { listening: true };
        }
        case AGENT_TYPING: {
          const { conversationSid } = payload as ConversationPayload;
          await (await agentConversation(conversationSid)).typing();
          return { typing: true };
        }
        case AGENT_TYPING_SEEN: {
          const { conversationSid } = payload as ConversationPayload;
          return agent?.typingSeen(conversationSid) ?? [];
        }
        case PARTICIPANT_POSTS: {
          const { conversationSid, identity, friendlyName, body, file } = payload as ParticipantPostsPayload;
          await joinAs(conversationSid, identity, friendlyName);
          // Its own client, as another person's device would be; closed once the message is in.
          const poster = new RealtimeAgent(stack.accessToken(identity), realtimeUrl);
          try {
            const message = (await poster.conversation(conversationSid)).prepareMessage();
            if (body !== undefined) message.setBody(body);
            if (file) {
              const bytes = Buffer.from(file.base64, 'base64');
              message.addMedia({ contentType: file.contentType, filename: file.name, media: new Blob([bytes], { type: file.contentType }) });
            }
            return { index: await message.build().send() };
          } finally {
            await poster.close();
          }
        }
        case TAB_SLEEP: {
          if (session.browser.type !== 'puppeteer') throw new Error(`${TAB_SLEEP} needs the Chrome launcher (puppeteer)`);
          await sleepTab((session.browser as ChromeLauncher).getPage(session.id), async () => {
            // The gate first, so that no client gets back in between; then the emulator's own faults.
            stack.realtimeGate.shut();
            await faults('/drop-sockets');
            await faults('/expire-tokens');
            // Asleep past the second of the expiry: tokens are stamped in whole seconds, and one minted for the
            // same visitor in the second of an expired one would be that very token.
            await new Promise((resolve) => setTimeout(resolve, TAB_SLEEP_MS));
          });
          return { slept: true };
        }
        case CONTROLLED_COMPANION: {
          const { origin } = payload as ControlledCompanionPayload;
          controlled ??= startControlledCompanion(stack, origin);
          return { url: (await controlled).url };
        }
        case ROTATE_COMPANION_SECRET: {
          if (!controlled) throw new Error(`${command} before ${CONTROLLED_COMPANION}: there is no companion to rotate`);
          (await controlled).rotateSecret();
          return { rotated: true };
        }
        case COMPANION_REACHABLE: {
          const { reachable } = payload as CompanionReachablePayload;
          // Not started yet is reachable enough; cutting it needs it started.
          if (!controlled && !reachable) throw new Error(`${command} before ${CONTROLLED_COMPANION}: no companion to cut`);
          (await controlled)?.setReachable(reachable);
          return { reachable };
        }
        case TWILIO_FAILS: {
          const response = await fetch(`${stack.emulatorUrl}/__emulator/faults/fail`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ratio: 1, ...(payload as TwilioFailsPayload) }),
          });
          if (!response.ok) throw new Error(`The emulator refused the failure rule (${response.status}): ${await response.text()}`);
          return { failing: true };
        }
        case FAIL_NEXT_REQUEST: {
          if (session.browser.type !== 'puppeteer') throw new Error(`${FAIL_NEXT_REQUEST} needs the Chrome launcher (puppeteer)`);
          const { urlPattern } = payload as FailNextRequestPayload;
          await failNextRequest((session.browser as ChromeLauncher).getPage(session.id), urlPattern);
          return { armed: true };
        }
        default:
          // Not ours: other plugins (sendKeys, …) handle it.
          return undefined;
      }
    },
  };
}

function parseAttributes(attributes: string | null | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(attributes ?? '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
