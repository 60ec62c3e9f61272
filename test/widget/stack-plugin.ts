import type { TestRunnerPlugin } from '@web/test-runner';
import type { Stack } from '../support/stack.js';
import {
  EXPIRE_TOKENS,
  LIST_MESSAGES,
  type ListMessagesPayload,
  POST_AGENT_MESSAGE,
  type PostAgentMessagePayload,
  type RestMessage,
  STACK_CONFIG_PATH,
  type StackConfig,
} from './support/stack-protocol.js';

/**
 * Gives the browser tests the backend: its URLs at STACK_CONFIG_PATH, and server
 * commands that act on the REST side as an agent (post, list messages) or
 * inject a fault (expire tokens).
 */
export function stackPlugin(stack: Stack, unreachableUrl: string): TestRunnerPlugin {
  const config: StackConfig = { companionUrl: stack.companionUrl, emulatorUrl: stack.emulatorUrl, unreachableUrl };
  const conversations = (sid: string) => stack.twilio.conversations.v1.services(stack.serviceSid).conversations(sid);

  return {
    name: 'bridge-chat-stack',

    serve(context) {
      if (context.path === STACK_CONFIG_PATH) return { body: JSON.stringify(config), type: 'json' };
      return undefined;
    },

    async executeCommand({ command, payload }) {
      switch (command) {
        case POST_AGENT_MESSAGE: {
          const { conversationSid, body, author = 'agent' } = payload as PostAgentMessagePayload;
          const message = await conversations(conversationSid).messages.create({ author, body });
          return { sid: message.sid };
        }
        case LIST_MESSAGES: {
          const { conversationSid } = payload as ListMessagesPayload;
          const messages = await conversations(conversationSid).messages.list({ limit: 100 });
          return messages.map((message): RestMessage => ({
            index: message.index,
            author: message.author,
            body: message.body,
          }));
        }
        case EXPIRE_TOKENS: {
          const response = await fetch(`${stack.emulatorUrl}/__emulator/faults/expire-tokens`, { method: 'POST' });
          if (!response.ok) throw new Error(`The emulator refused to expire tokens (${response.status})`);
          return { expired: true };
        }
        default:
          // Not ours: other plugins (sendKeys, …) handle it.
          return undefined;
      }
    },
  };
}
