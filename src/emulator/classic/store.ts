import { EventEmitter } from 'node:events';
import { MediaStore, snapshotDate, type MediaCategory, type MediaSnapshot } from '../media/store.js';
import { isSid, newSid } from '../sid.js';
import { TransitionScheduler } from './timers.js';

/**
 * The emulator's in-memory state for one Conversations service, in plain
 * camelCase domain terms. It knows nothing of HTTP or Twilio's wire format;
 * the REST routes and the realtime server both work through it. Every write
 * checks all its rules before it changes anything.
 */

export type ConversationState = 'active' | 'inactive' | 'closed';

/**
 * Timers count from the conversation's last activity: its creation, a new
 * message, or an update that sets its state or timers.
 */
export interface ConversationTimers {
  /** How long an active conversation may stay quiet before it turns inactive; null when unset. */
  inactiveAfterMs: number | null;
  /** How long a conversation may stay quiet before it closes; null when unset. */
  closedAfterMs: number | null;
  /** When it turns inactive unless something happens first; null when that is not pending. */
  dateInactive: Date | null;
  /** When it closes unless something happens first; null when that is not pending. */
  dateClosed: Date | null;
}

export interface Conversation {
  readonly sid: string;
  readonly messagingServiceSid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  /** JSON text, as Twilio stores it. */
  attributes: string;
  state: ConversationState;
  readonly timers: ConversationTimers;
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

/** A media file as a message lists it. */
export interface MessageMedia {
  readonly sid: string;
  readonly contentType: string;
  readonly filename: string | null;
  readonly size: number;
  readonly category: MediaCategory;
}

export interface Message {
  readonly sid: string;
  readonly conversationSid: string;
  readonly index: number;
  readonly author: string;
  /** Null for a media-only message. */
  readonly body: string | null;
  readonly attributes: string;
  /** Null when the message carries no media. */
  readonly media: readonly MessageMedia[] | null;
  /** The participant whose identity wrote it; null for system or agent-API authors. */
  readonly participantSid: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A timer change: a duration in milliseconds, or null to remove the timer. */
export interface TimerSettings {
  inactiveAfterMs?: number | null;
  closedAfterMs?: number | null;
}

export interface NewConversation {
  friendlyName?: string;
  uniqueName?: string;
  attributes?: string;
  state?: ConversationState;
  timers?: TimerSettings;
}

export type ConversationChanges = NewConversation;

export interface NewParticipant {
  identity: string;
  attributes?: string;
}

export interface ParticipantChanges {
  identity?: string;
  attributes?: string;
  lastReadMessageIndex?: number;
  lastReadAt?: Date;
}

export interface NewMessage {
  author: string;
  /** Null (or absent) only when media is attached. */
  body?: string | null;
  attributes?: string;
  mediaSids?: readonly string[];
}

export interface MessageChanges {
  author?: string;
  body?: string;
  attributes?: string;
}

/** Why a write was refused; the edges turn each reason into their own error form. */
export type RefusalReason =
  | 'unique-name-taken'
  | 'identity-already-participant'
  | 'conversation-closed'
  | 'media-not-found'
  | 'media-already-sent';

/** A write that breaks one of the store's rules; nothing was changed. */
export class WriteRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** The SID the refusal is about (conversation or media). */
    readonly subject = '',
  ) {
    super(message);
    this.name = 'WriteRefused';
  }
}

/** The classic service's state as plain JSON-safe data (dates as ISO strings), for persistence. */
export interface ClassicSnapshot {
  messagingServiceSid: string;
  participantRoleSid: string;
  conversations: ConversationSnapshot[];
  media: MediaSnapshot;
}

export interface ConversationSnapshot {
  sid: string;
  messagingServiceSid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  attributes: string;
  state: ConversationState;
  timers: {
    inactiveAfterMs: number | null;
    closedAfterMs: number | null;
    dateInactive: string | null;
    dateClosed: string | null;
  };
  createdAt: string;
  updatedAt: string;
  nextMessageIndex: number;
  participants: (Omit<Participant, 'createdAt' | 'updatedAt' | 'lastReadAt'> & {
    createdAt: string;
    updatedAt: string;
    lastReadAt: string | null;
  })[];
  messages: (Omit<Message, 'createdAt' | 'updatedAt' | 'media'> & {
    media: MessageMedia[] | null;
    createdAt: string;
    updatedAt: string;
  })[];
}

interface ConversationRecord {
  conversation: Conversation;
  participants: Participant[];
  messages: Message[];
  /** Indices only grow, even when the newest message is removed, so no index names two messages. */
  nextMessageIndex: number;
}

/** What other parts of the emulator (realtime fan-out, the Orchestrator bridge) react to. */
export interface StoreEvents {
  conversationAdded: [conversation: Conversation];
  /** Also when a timer changes the state. */
  conversationUpdated: [conversation: Conversation];
  /** Its participants and messages went with it, without events of their own. */
  conversationRemoved: [conversation: Conversation];
  participantAdded: [participant: Participant];
  /** With the participant as it was, so listeners can tell what changed. */
  participantUpdated: [participant: Participant, previous: Participant];
  participantRemoved: [participant: Participant];
  messageAdded: [message: Message];
  messageUpdated: [message: Message];
  messageRemoved: [message: Message];
}

export interface ConversationStoreOptions {
  /** The largest media upload accepted; default 20 MB. */
  mediaMaxBytes?: number;
}

export class ConversationStore extends EventEmitter<StoreEvents> {
  /** Uploaded media (Twilio's Media Content Service), which messages refer to. */
  readonly media: MediaStore;

  #messagingServiceSid = newSid('MG');
  #participantRoleSid = newSid('RL');
  #records = new Map<string, ConversationRecord>();
  #sidByUniqueName = new Map<string, string>();
  readonly #scheduler = new TransitionScheduler((sid) => this.#timerDue(sid));

  constructor(options: ConversationStoreOptions = {}) {
    super();
    this.media = new MediaStore(options.mediaMaxBytes);
  }

  /** Every conversation of the service gets this messaging service, as Twilio assigns the service default. */
  get messagingServiceSid(): string {
    return this.#messagingServiceSid;
  }

  /** The service's default conversation role, given to every new chat participant. */
  get participantRoleSid(): string {
    return this.#participantRoleSid;
  }

  createConversation(input: NewConversation): Conversation {
    if (input.uniqueName !== undefined) this.#claimUniqueName(input.uniqueName);
    const now = new Date();
    const conversation: Conversation = {
      sid: newSid('CH'),
      messagingServiceSid: this.#messagingServiceSid,
      friendlyName: input.friendlyName ?? null,
      uniqueName: input.uniqueName ?? null,
      attributes: input.attributes ?? '{}',
      state: input.state ?? 'active',
      timers: {
        inactiveAfterMs: input.timers?.inactiveAfterMs ?? null,
        closedAfterMs: input.timers?.closedAfterMs ?? null,
        dateInactive: null,
        dateClosed: null,
      },
      createdAt: now,
      updatedAt: now,
    };
    this.#records.set(conversation.sid, { conversation, participants: [], messages: [], nextMessageIndex: 0 });
    if (conversation.uniqueName !== null) this.#sidByUniqueName.set(conversation.uniqueName, conversation.sid);
    this.#armTimers(conversation, now);
    this.emit('conversationAdded', conversation);
    return conversation;
  }

  /** A closed conversation is final: it refuses every change. */
  updateConversation(conversationSid: string, changes: ConversationChanges): Conversation {
    const { conversation } = this.#record(conversationSid);
    this.#refuseIfClosed(conversation);
    const newName = changes.uniqueName !== conversation.uniqueName ? changes.uniqueName : undefined;
    if (newName !== undefined) this.#claimUniqueName(newName);

    const now = new Date();
    if (newName !== undefined) {
      if (conversation.uniqueName !== null) this.#sidByUniqueName.delete(conversation.uniqueName);
      this.#sidByUniqueName.set(newName, conversation.sid);
      conversation.uniqueName = newName;
    }
    if (changes.friendlyName !== undefined) conversation.friendlyName = changes.friendlyName;
    if (changes.attributes !== undefined) conversation.attributes = changes.attributes;
    if (changes.state !== undefined) conversation.state = changes.state;
    const { timers } = conversation;
    if (changes.timers?.inactiveAfterMs !== undefined) timers.inactiveAfterMs = changes.timers.inactiveAfterMs;
    if (changes.timers?.closedAfterMs !== undefined) timers.closedAfterMs = changes.timers.closedAfterMs;
    if (changes.state !== undefined || changes.timers !== undefined) this.#armTimers(conversation, now);
    conversation.updatedAt = now;
    this.emit('conversationUpdated', conversation);
    return conversation;
  }

  /** Removes the conversation with its participants, messages and their media. */
  removeConversation(conversationSid: string): Conversation {
    const { conversation, messages } = this.#record(conversationSid);
    this.#scheduler.cancel(conversationSid);
    this.#records.delete(conversationSid);
    if (conversation.uniqueName !== null) this.#sidByUniqueName.delete(conversation.uniqueName);
    for (const message of messages) this.#forgetMedia(message);
    this.emit('conversationRemoved', conversation);
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
    this.#refuseIfClosed(record.conversation);
    this.#refuseTakenIdentity(record, input.identity);
    const now = new Date();
    const participant: Participant = {
      sid: newSid('MB'),
      conversationSid,
      identity: input.identity,
      attributes: input.attributes ?? '{}',
      roleSid: this.#participantRoleSid,
      createdAt: now,
      updatedAt: now,
      lastReadMessageIndex: null,
      lastReadAt: null,
    };
    record.participants.push(participant);
    this.emit('participantAdded', participant);
    return participant;
  }

  updateParticipant(conversationSid: string, participantSid: string, changes: ParticipantChanges): Participant {
    const record = this.#record(conversationSid);
    const position = this.#participantPosition(record, participantSid);
    const current = record.participants[position] as Participant;
    if (changes.identity !== undefined && changes.identity !== current.identity) {
      this.#refuseTakenIdentity(record, changes.identity);
    }
    const now = new Date();
    const updated: Participant = {
      ...current,
      identity: changes.identity ?? current.identity,
      attributes: changes.attributes ?? current.attributes,
      lastReadMessageIndex: changes.lastReadMessageIndex ?? current.lastReadMessageIndex,
      // Reading a message stamps the time, as the SDK's read horizon does.
      lastReadAt: changes.lastReadAt ?? (changes.lastReadMessageIndex !== undefined ? now : current.lastReadAt),
      updatedAt: now,
    };
    record.participants[position] = updated;
    this.emit('participantUpdated', updated, current);
    return updated;
  }

  removeParticipant(conversationSid: string, participantSid: string): Participant {
    const record = this.#record(conversationSid);
    const [removed] = record.participants.splice(this.#participantPosition(record, participantSid), 1);
    this.emit('participantRemoved', removed as Participant);
    return removed as Participant;
  }

  /** Participants in the order they joined. */
  listParticipants(conversationSid: string): readonly Participant[] {
    return this.#record(conversationSid).participants;
  }

  findParticipant(conversationSid: string, identity: string): Participant | undefined {
    return this.#records.get(conversationSid)?.participants.find((participant) => participant.identity === identity);
  }

  /** The conversations an identity takes part in, with its participant in each, oldest first. */
  conversationsOf(identity: string): Array<{ conversation: Conversation; participant: Participant }> {
    return [...this.#records.values()].flatMap(({ conversation, participants }) => {
      const participant = participants.find((candidate) => candidate.identity === identity);
      return participant ? [{ conversation, participant }] : [];
    });
  }

  /** Twilio addresses a participant by its SID or, for chat participants, by its identity. */
  resolveParticipant(conversationSid: string, sidOrIdentity: string): Participant | undefined {
    const participants = this.#records.get(conversationSid)?.participants ?? [];
    return isSid(sidOrIdentity, 'MB')
      ? participants.find((participant) => participant.sid.toLowerCase() === sidOrIdentity.toLowerCase())
      : participants.find((participant) => participant.identity === sidOrIdentity);
  }

  /**
   * Appends a message with the next index and announces it with `messageAdded`.
   * A message wakes an inactive conversation and restarts its timers.
   */
  addMessage(conversationSid: string, input: NewMessage): Message {
    const record = this.#record(conversationSid);
    const { conversation } = record;
    this.#refuseIfClosed(conversation);
    const media = (input.mediaSids ?? []).map((mediaSid) => this.#unsentMedia(mediaSid));

    const now = new Date();
    const message: Message = {
      sid: newSid('IM'),
      conversationSid,
      index: record.nextMessageIndex,
      author: input.author,
      body: input.body ?? null,
      attributes: input.attributes ?? '{}',
      media: media.length === 0 ? null : media,
      participantSid: this.findParticipant(conversationSid, input.author)?.sid ?? null,
      createdAt: now,
      updatedAt: now,
    };
    record.messages.push(message);
    record.nextMessageIndex += 1;
    for (const item of media) this.media.attach(item.sid, conversationSid, message.sid);
    const woke = conversation.state === 'inactive';
    if (woke) {
      conversation.state = 'active';
      conversation.updatedAt = now;
    }
    this.#armTimers(conversation, now);
    if (woke) this.emit('conversationUpdated', conversation);
    this.emit('messageAdded', message);
    return message;
  }

  updateMessage(conversationSid: string, messageSid: string, changes: MessageChanges): Message {
    const record = this.#record(conversationSid);
    const position = this.#messagePosition(record, messageSid);
    const current = record.messages[position] as Message;
    const author = changes.author ?? current.author;
    const updated: Message = {
      ...current,
      author,
      body: changes.body ?? current.body,
      attributes: changes.attributes ?? current.attributes,
      participantSid: this.findParticipant(conversationSid, author)?.sid ?? null,
      updatedAt: new Date(),
    };
    record.messages[position] = updated;
    this.emit('messageUpdated', updated);
    return updated;
  }

  /** Removes a message and its media; the other messages keep their indices. */
  removeMessage(conversationSid: string, messageSid: string): Message {
    const record = this.#record(conversationSid);
    const [removed] = record.messages.splice(this.#messagePosition(record, messageSid), 1);
    this.#forgetMedia(removed as Message);
    this.emit('messageRemoved', removed as Message);
    return removed as Message;
  }

  findMessage(conversationSid: string, messageSid: string): Message | undefined {
    if (!isSid(messageSid, 'IM')) return undefined;
    const wanted = messageSid.toLowerCase();
    return this.#records.get(conversationSid)?.messages.find((message) => message.sid.toLowerCase() === wanted);
  }

  /** Messages by ascending index. */
  listMessages(conversationSid: string): readonly Message[] {
    return this.#record(conversationSid).messages;
  }

  toSnapshot(): ClassicSnapshot {
    const iso = (date: Date | null) => (date === null ? null : date.toISOString());
    return {
      messagingServiceSid: this.#messagingServiceSid,
      participantRoleSid: this.#participantRoleSid,
      conversations: [...this.#records.values()].map(({ conversation, participants, messages, nextMessageIndex }) => ({
        sid: conversation.sid,
        messagingServiceSid: conversation.messagingServiceSid,
        friendlyName: conversation.friendlyName,
        uniqueName: conversation.uniqueName,
        attributes: conversation.attributes,
        state: conversation.state,
        timers: {
          inactiveAfterMs: conversation.timers.inactiveAfterMs,
          closedAfterMs: conversation.timers.closedAfterMs,
          dateInactive: iso(conversation.timers.dateInactive),
          dateClosed: iso(conversation.timers.dateClosed),
        },
        createdAt: conversation.createdAt.toISOString(),
        updatedAt: conversation.updatedAt.toISOString(),
        nextMessageIndex,
        participants: participants.map((participant) => ({
          ...participant,
          createdAt: participant.createdAt.toISOString(),
          updatedAt: participant.updatedAt.toISOString(),
          lastReadAt: iso(participant.lastReadAt),
        })),
        messages: messages.map((message) => ({
          ...message,
          media: message.media === null ? null : message.media.map((item) => ({ ...item })),
          createdAt: message.createdAt.toISOString(),
          updatedAt: message.updatedAt.toISOString(),
        })),
      })),
      media: this.media.toSnapshot(),
    };
  }

  /**
   * Replaces the whole state with a snapshot's, silently (no events). Timers
   * resume from their saved dates; one already past fires at once. A snapshot
   * that cannot be read leaves the state as it was.
   */
  restore(snapshot: ClassicSnapshot): void {
    const date = (text: string | null) => (text === null ? null : snapshotDate(text));
    const records = new Map<string, ConversationRecord>();
    const sidByUniqueName = new Map<string, string>();
    for (const saved of snapshot.conversations) {
      const conversation: Conversation = {
        sid: saved.sid,
        messagingServiceSid: saved.messagingServiceSid,
        friendlyName: saved.friendlyName,
        uniqueName: saved.uniqueName,
        attributes: saved.attributes,
        state: saved.state,
        timers: {
          inactiveAfterMs: saved.timers.inactiveAfterMs,
          closedAfterMs: saved.timers.closedAfterMs,
          dateInactive: date(saved.timers.dateInactive),
          dateClosed: date(saved.timers.dateClosed),
        },
        createdAt: snapshotDate(saved.createdAt),
        updatedAt: snapshotDate(saved.updatedAt),
      };
      records.set(conversation.sid, {
        conversation,
        participants: saved.participants.map((participant) => ({
          ...participant,
          createdAt: snapshotDate(participant.createdAt),
          updatedAt: snapshotDate(participant.updatedAt),
          lastReadAt: date(participant.lastReadAt),
        })),
        messages: saved.messages.map((message) => ({
          ...message,
          createdAt: snapshotDate(message.createdAt),
          updatedAt: snapshotDate(message.updatedAt),
        })),
        nextMessageIndex: saved.nextMessageIndex,
      });
      if (conversation.uniqueName !== null) sidByUniqueName.set(conversation.uniqueName, conversation.sid);
    }
    this.media.restore(snapshot.media);

    this.#scheduler.cancelAll();
    this.#messagingServiceSid = snapshot.messagingServiceSid;
    this.#participantRoleSid = snapshot.participantRoleSid;
    this.#records = records;
    this.#sidByUniqueName = sidByUniqueName;
    for (const { conversation } of records.values()) this.#scheduleNext(conversation);
  }

  /** Sets the pending timer dates from `from` and schedules the next one. */
  #armTimers(conversation: Conversation, from: Date): void {
    const { timers, state } = conversation;
    const after = (ms: number | null) => (ms === null ? null : new Date(from.getTime() + ms));
    timers.dateInactive = state === 'active' ? after(timers.inactiveAfterMs) : null;
    timers.dateClosed = state === 'closed' ? null : after(timers.closedAfterMs);
    this.#scheduleNext(conversation);
  }

  #scheduleNext(conversation: Conversation): void {
    const due = [conversation.timers.dateInactive, conversation.timers.dateClosed].filter(
      (date): date is Date => date !== null,
    );
    const next = due.length === 0 ? null : new Date(Math.min(...due.map((date) => date.getTime())));
    this.#scheduler.schedule(conversation.sid, next);
  }

  /** A timer fired: close or deactivate the conversation if its moment has come. */
  #timerDue(conversationSid: string): void {
    const conversation = this.#records.get(conversationSid)?.conversation;
    if (!conversation) return;
    const { timers } = conversation;
    const now = new Date();
    const reached = (date: Date | null) => date !== null && date.getTime() <= now.getTime();
    if (reached(timers.dateClosed)) {
      conversation.state = 'closed';
      timers.dateInactive = null;
      timers.dateClosed = null;
    } else if (reached(timers.dateInactive)) {
      conversation.state = 'inactive';
      timers.dateInactive = null;
    } else {
      this.#scheduleNext(conversation);
      return;
    }
    conversation.updatedAt = now;
    this.#scheduleNext(conversation);
    this.emit('conversationUpdated', conversation);
  }

  #claimUniqueName(uniqueName: string): void {
    if (this.#sidByUniqueName.has(uniqueName)) {
      throw new WriteRefused('unique-name-taken', `Conversation with unique name "${uniqueName}" already exists`);
    }
  }

  #refuseIfClosed(conversation: Conversation): void {
    if (conversation.state === 'closed') {
      throw new WriteRefused('conversation-closed', `Conversation ${conversation.sid} is closed`, conversation.sid);
    }
  }

  #refuseTakenIdentity(record: ConversationRecord, identity: string): void {
    if (record.participants.some((participant) => participant.identity === identity)) {
      throw new WriteRefused(
        'identity-already-participant',
        `Participant with identity "${identity}" is already in conversation ${record.conversation.sid}`,
      );
    }
  }

  #unsentMedia(mediaSid: string): MessageMedia {
    const media = this.media.find(mediaSid);
    if (!media) throw new WriteRefused('media-not-found', `Media ${mediaSid} not found`, mediaSid);
    if (media.messageSid !== null) {
      throw new WriteRefused('media-already-sent', `Media ${mediaSid} is already sent with another message`, mediaSid);
    }
    const { sid, contentType, filename, size, category } = media;
    return { sid, contentType, filename, size, category };
  }

  #forgetMedia(message: Message): void {
    for (const item of message.media ?? []) this.media.remove(item.sid);
  }

  /** Callers resolve the conversation first; reaching here with an unknown SID is a programming error. */
  #record(conversationSid: string): ConversationRecord {
    const record = this.#records.get(conversationSid);
    if (!record) throw new Error(`No conversation ${conversationSid} in the store`);
    return record;
  }

  #participantPosition(record: ConversationRecord, participantSid: string): number {
    const position = record.participants.findIndex((participant) => participant.sid === participantSid);
    if (position === -1) throw new Error(`No participant ${participantSid} in conversation ${record.conversation.sid}`);
    return position;
  }

  #messagePosition(record: ConversationRecord, messageSid: string): number {
    const position = record.messages.findIndex((message) => message.sid === messageSid);
    if (position === -1) throw new Error(`No message ${messageSid} in conversation ${record.conversation.sid}`);
    return position;
  }
}
