import { expect } from '@open-wc/testing';
import { mergeMessages } from '../../src/widget/messages/merge-messages.js';
import { checkOutgoingText, MAX_MESSAGE_BYTES } from '../../src/widget/messages/outgoing-text.js';
import type { ChatMessage } from '../../src/widget/transport/transport.js';

function message(index: number, body = `message ${index}`): ChatMessage {
  return { id: `IM${index}`, index, author: 'agent', body, sentAt: null, clientId: undefined, attachments: [] };
}

describe('checkOutgoingText', () => {
  it('treats empty and whitespace-only text as empty', () => {
    expect(checkOutgoingText('')).to.deep.equal({ kind: 'empty' });
    expect(checkOutgoingText(' \n\t ')).to.deep.equal({ kind: 'empty' });
  });

  it('sends trimmed text', () => {
    expect(checkOutgoingText('  hi\nthere \n')).to.deep.equal({ kind: 'ok', body: 'hi\nthere' });
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    expect(checkOutgoingText('a'.repeat(MAX_MESSAGE_BYTES)).kind).to.equal('ok');
    expect(checkOutgoingText('a'.repeat(MAX_MESSAGE_BYTES + 1))).to.deep.equal({
      kind: 'too-long',
      bytes: MAX_MESSAGE_BYTES + 1,
    });
    // "é" is two bytes: half as many characters already reach the limit.
    expect(checkOutgoingText('é'.repeat(MAX_MESSAGE_BYTES / 2 + 1)).kind).to.equal('too-long');
  });
});

describe('mergeMessages', () => {
  it('keeps messages ordered by index', () => {
    const merged = mergeMessages([message(1), message(3)], [message(2), message(0)]);
    expect(merged.map((m) => m.index)).to.deep.equal([0, 1, 2, 3]);
  });

  it('drops a message that arrives twice (page and realtime event)', () => {
    const merged = mergeMessages([message(0), message(1)], [message(1), message(2)]);
    expect(merged.map((m) => m.id)).to.deep.equal(['IM0', 'IM1', 'IM2']);
  });
});
