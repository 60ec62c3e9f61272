import { EventEmitter } from 'node:events';
import { isSid, newSid } from '../sid.js';

/**
 * The emulator's in-memory state for one Conversations service, in plain
 * camelCase domain terms. It knows nothing of HTTP or Twilio's wire format;
 * the REST routes and the realtime server both work through it.
 */

export type ConversationState = 'active' | 'inactive' | 'closed';

export interface Conversation {
  readonly sid: string;
  readonly messagingServiceSid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  /** JSON text, as Twilio stores it. */
  attributes: string;
  state: ConversationState;
  readonly createdAt: Date;
  updatedAt: Date;
}

export interface Participant {
  readonly sid: string;
  readonly conversationSid: string;
  readonly identity: string;
  readonly attributes: string;
  readonly roleSid: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lastReadMessageIndex: number | null;
  readonly lastReadAt: Date | null;
}

export interface Message {
  readonly sid: string;
  readonly conversationSid: string;
  readonly index: number;
  readonly author: string;
  readonly body: string;
  readonly attributes: string;
  /** The participant whose identity wrote it; null for system or agent-API authors. */
  readonly participantSid: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewConversation {
  friendlyName?: string;
  uniqueName?: string;
  attributes?: string;
  state?: ConversationState;
}

export type ConversationChanges = NewConversation;

export interface NewParticipant {
  identity: string;
  attributes?: string;
}

export interface NewMessage {
  author: string;
  body: string;
  attributes?: string;
}

/** A write that would break a uniqueness rule; the edges turn it into their own error form. */
export class ConflictError extends Error {
  constructor(readonly reason: 'unique-name-taken' | 'identity-already-participant', message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

interface ConversationRecord {
  conversation: Conversation;
  participants: Participant[];
  messages: Message[];
}

/** What other parts of the emulator (realtime fan-out, the Orchestrator bridge) react to. */
export interface StoreEvents {
  conversationAdded: [conversation: Conversation];
  conversationUpdated: [conversation: Conversation];
  participantAdded: [participant: Participant];
  messageAdded: [message: Message];
}

export class ConversationStore extends EventEmitter<StoreEvents> {
  /** Every conversation of the service gets this messaging service, as Twilio assigns the service default. */
  readonly messagingServiceSid = newSid('MG');
  /** The service's default conversation role, given to every new chat participant. */
  readonly participantRoleSid = newSid('RL');

  readonly #records = new Map<string, ConversationRecord>();
  readonly #sidByUniqueName = new Map<string, string>();

  createConversation(input: NewConversation): Conversation {
    if (input.uniqueName !== undefined) this.#claimUniqueName(input.uniqueName);
    const now = new Date();
    const conversation: Conversation = {
      sid: newSid('CH'),
      messagingServiceSid: this.messagingServiceSid,
      friendlyName: input.friendlyName ?? null,
      uniqueName: input.uniqueName ?? null,
      attributes: input.attributes ?? '{}',
      state: input.state ?? 'active',
      createdAt: now,
      updatedAt: now,
    };
    this.#records.set(conversation.sid, { conversation, participants: [], messages: [] });
    if (conversation.uniqueName !== null) this.#sidByUniqueName.set(conversation.uniqueName, conversation.sid);
    this.emit('conversationAdded', conversation);
    return conversation;
  }

  updateConversation(conversationSid: string, changes: ConversationChanges): Conversation {
    const { conversation } = this.#record(conversationSid);
    if (changes.uniqueName !== undefined && changes.uniqueName !== conversation.uniqueName) {
      this.#claimUniqueName(changes.uniqueName);
      if (conversation.uniqueName !== null) this.#sidByUniqueName.delete(conversation.uniqueName);
      this.#sidByUniqueName.set(changes.uniqueName, conversation.sid);
      conversation.uniqueName = changes.uniqueName;
    }
    if (changes.friendlyName !== undefined) conversation.friendlyName = changes.friendlyName;
    if (changes.attributes !== undefined) conversation.attributes = changes.attributes;
    if (changes.state !== undefined) conversation.state = changes.state;
    conversation.updatedAt = new Date();
    this.emit('conversationUpdated', conversation);
    return conversation;
  }

  /** Twilio addresses a conversation by its SID or by its unique name. */
  findConversation(sidOrUniqueName: string): Conversation | undefined {
    const sid = isSid(sidOrUniqueName, 'CH') ? sidOrUniqueName : this.#sidByUniqueName.get(sidOrUniqueName);
    return sid === undefined ? undefined : this.#records.get(sid)?.conversation;
  }

  /** All conversations, oldest first. */
  listConversations(): Conversation[] {
    return [...this.#records.values()].map((record) => record.conversation);
  }

  addParticipant(conversationSid: string, input: NewParticipant): Participant {
    const record = this.#record(conversationSid);
    if (record.participants.some((participant) => participant.identity === input.identity)) {
      throw new ConflictError(
        'identity-already-participant',
        `Participant with identity "${input.identity}" is already in conversation ${conversationSid}`,
      );
    }
    const now = new Date();
    const participant: Participant = {
      sid: newSid('MB'),
      conversationSid,
      identity: input.identity,
      attributes: input.attributes ?? '{}',
      roleSid: this.participantRoleSid,
      createdAt: now,
      updatedAt: now,
      lastReadMessageIndex: null,
      lastReadAt: null,
    };
    record.participants.push(participant);
    this.emit('participantAdded', participant);
    return participant;
  }

  /** Participants in the order they joined. */
  listParticipants(conversationSid: string): readonly Participant[] {
    return this.#record(conversationSid).participants;
  }

  findParticipant(conversationSid: string, identity: string): Participant | undefined {
    return this.#records.get(conversationSid)?.participants.find((participant) => participant.identity === identity);
  }

  /** Appends a message with the next index and announces it with `messageAdded`. */
  addMessage(conversationSid: string, input: NewMessage): Message {
    const record = this.#record(conversationSid);
    const previous = record.messages.at(-1);
    const now = new Date();
    const message: Message = {
      sid: newSid('IM'),
      conversationSid,
      index: previous ? previous.index + 1 : 0,
      author: input.author,
      body: input.body,
      attributes: input.attributes ?? '{}',
      participantSid: this.findParticipant(conversationSid, input.author)?.sid ?? null,
      createdAt: now,
      updatedAt: now,
    };
    record.messages.push(message);
    this.emit('messageAdded', message);
    return message;
  }

  /** Messages by ascending index. */
  listMessages(conversationSid: string): readonly Message[] {
    return this.#record(conversationSid).messages;
  }

  #claimUniqueName(uniqueName: string): void {
    if (this.#sidByUniqueName.has(uniqueName)) {
      throw new ConflictError('unique-name-taken', `Conversation with unique name "${uniqueName}" already exists`);
    }
  }

  /** Callers resolve the conversation first; reaching here with an unknown SID is a programming error. */
  #record(conversationSid: string): ConversationRecord {
    const record = this.#records.get(conversationSid);
    if (!record) throw new Error(`No conversation ${conversationSid} in the store`);
    return record;
  }
}
