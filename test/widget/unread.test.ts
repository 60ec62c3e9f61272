import { expect } from '@open-wc/testing';
import { markSeen, type MessagesReport, NO_UNREAD, trackUnread } from '../../src/widget/messages/unread.js';

const VISITOR = 'visitor-1';

function report(authors: (string | null)[], conversationSid = 'CH1', readIndex: number | null = null): MessagesReport {
  return {
    conversationSid,
    identity: VISITOR,
    messages: authors.map((author, index) => ({ id: `IM${index}`, index, author })),
    readIndex,
  };
}

describe('trackUnread', () => {
  it('counts nothing the visitor saw, then messages from others that arrive unseen', () => {
    let state = trackUnread(NO_UNREAD, report(['agent', VISITOR]), true);
    expect(state.unread.size).to.equal(0);
    state = trackUnread(state, report(['agent', VISITOR, 'agent', null]), false);
    expect([...state.unread.keys()]).to.deep.equal(['IM2', 'IM3']);
  });

  it('never counts the visitor’s own messages', () => {
    const state = trackUnread(NO_UNREAD, report([VISITOR, VISITOR]), false);
    expect(state.unread.size).to.equal(0);
  });

  it('counts a message reported again (every change reports the whole list) once', () => {
    let state = trackUnread(NO_UNREAD, report(['agent']), false);
    state = trackUnread(state, report(['agent']), false);
    state = trackUnread(state, report(['agent', 'agent']), false);
    expect(state.unread.size).to.equal(2);
  });

  it('clears on markSeen and counts only what arrives after', () => {
    let state = trackUnread(NO_UNREAD, report(['agent', 'agent']), false);
    state = markSeen(state);
    expect(state.unread.size).to.equal(0);
    expect(markSeen(state)).to.equal(state);
    state = trackUnread(state, report(['agent', 'agent', 'agent']), false);
    expect([...state.unread.keys()]).to.deep.equal(['IM2']);
  });

  it('counts from the read horizon Twilio keeps, so a reload shows only what is really unread', () => {
    let state = trackUnread(NO_UNREAD, report(['agent', VISITOR, 'agent', 'agent'], 'CH1', 2), false);
    expect([...state.unread.keys()]).to.deep.equal(['IM3']);
    // Read on another device: the horizon moves on and the count follows.
    state = trackUnread(state, report(['agent', VISITOR, 'agent', 'agent'], 'CH1', 3), false);
    expect(state.unread.size).to.equal(0);
  });

  it('starts a new horizon for a new conversation, whose indexes start over', () => {
    let state = trackUnread(NO_UNREAD, report(['agent', 'agent', 'agent']), true);
    state = trackUnread(state, report(['agent'], 'CH2'), false);
    expect([...state.unread.keys()]).to.deep.equal(['IM0']);
  });
});
