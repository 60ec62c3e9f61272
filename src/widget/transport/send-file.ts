import type { JSONValue, SdkConversation } from '../../protocol/sdk-shape.js';
import { WidgetError } from '../errors.js';

/**
 * Sends a file, with its text if there is any, as one message through the
 * SDK's message builder. Loaded with the first file a visitor sends: most
 * chats send none.
 */
export async function sendFile(
  conversation: SdkConversation,
  attributes: JSONValue,
  body: string,
  files: readonly File[],
): Promise<void> {
  const [file] = files;
  if (files.length > 1 || !file) {
    throw new WidgetError('transport_failed', `One file per message: got ${files.length}; send each file on its own.`);
  }
  let builder = conversation
    .prepareMessage()
    .setAttributes(attributes)
    .addMedia({ contentType: file.type || 'application/octet-stream', filename: file.name, media: file });
  if (body) builder = builder.setBody(body);
  await builder.build().send();
}
