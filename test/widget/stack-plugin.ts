import type { TestRunnerPlugin } from '@web/test-runner';
import type { Stack } from '../support/stack.js';
import { RealtimeAgent } from './support/realtime-agent.js';
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
  STACK_CONFIG_PATH,
  type StackConfig,
} from './support/stack-protocol.js';

/** Twilio's "participant already exists", which joining again answers. */
const PARTICIPANT_EXISTS = 50433;
/** Twilio's "conversation already closed". */
const CONVERSATION_CLOSED = 50377;

/**
 * Gives the browser tests the backend: its URLs at STACK_CONFIG_PATH, and server
 * commands that act on the REST side as an agent (post, read, close, list),
 * as an agent on its own realtime client (type, hear typing), or inject a
 * fault (expire tokens, take the visitor's realtime link down).
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

  const faults = async (path: string, method = 'POST') => {
    const response = await fetch(`${stack.emulatorUrl}/__emulator/faults${path}`, { method });
    if (!response.ok) throw new Error(`The emulator refused ${method} faults${path} (${response.status})`);
    return response.json() as Promise<unknown>;
  };

  async function joinAsAgent(conversationSid: string): Promise<void> {
    try {
      await conversations(conversationSid).participants.create({
        identity: AGENT_IDENTITY,
        attributes: JSON.stringify({ friendlyName: AGENT_NAME }),
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
    },

    async executeCommand({ command, payload }) {
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
