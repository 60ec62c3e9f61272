import type { ChatController } from '../controllers/chat.controller.js';
import type { LocalizeController } from '../controllers/localize.controller.js';
import { downloadText, transcriptFilename, transcriptText } from '../messages/transcript.js';
import type { ChatMessage } from '../transport/transport.js';

/**
 * "Download transcript": saves the conversation's `messages` as a text file, in the panel's
 * language. Loaded with the transcript's code when the visitor asks, as most never do.
 */
export function downloadTranscript(messages: readonly ChatMessage[], chat: ChatController, { t, language }: LocalizeController): void {
  const { conversationSid, identity, participants } = chat;
  if (!conversationSid || !identity) return;
  downloadText(transcriptFilename(), transcriptText(messages, { t, language, conversationSid, identity, participants }));
}
