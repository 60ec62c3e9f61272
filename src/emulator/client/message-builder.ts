import type { JSONValue, SdkMessageBuilder, SdkSendMediaOptions, SdkUnsentMessage } from '../../protocol/sdk-shape.js';

export type SendPrepared = (
  body: string | undefined,
  attributes: JSONValue,
  media: readonly SdkSendMediaOptions[],
) => Promise<number>;

/** The SDK's MessageBuilder: one message with a body, attributes and media, sent together. */
export class EmulatorMessageBuilder implements SdkMessageBuilder {
  #body: string | undefined;
  #attributes: JSONValue = {};
  readonly #media: SdkSendMediaOptions[] = [];
  readonly #maxMedia: number;
  readonly #send: SendPrepared;

  constructor(maxMedia: number, send: SendPrepared) {
    this.#maxMedia = maxMedia;
    this.#send = send;
  }

  setBody(text: string): this {
    this.#body = text;
    return this;
  }

  setAttributes(attributes: JSONValue): this {
    this.#attributes = attributes;
    return this;
  }

  addMedia(media: SdkSendMediaOptions): this {
    this.#media.push(media);
    return this;
  }

  /** Like the SDK, refuses more media than the conversation's limits allow. */
  build(): SdkUnsentMessage {
    if (this.#media.length > this.#maxMedia) {
      throw new Error(`Too many media attachments in the message (${this.#media.length} > ${this.#maxMedia})`);
    }
    const body = this.#body;
    const attributes = this.#attributes;
    const media = [...this.#media];
    return { send: () => this.#send(body, attributes, media) };
  }
}
