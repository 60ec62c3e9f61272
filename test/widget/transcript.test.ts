import { expect } from '@open-wc/testing';
import { en } from '../../src/widget/i18n/panel/en.js';
import { translator } from '../../src/widget/i18n/panel-strings.js';
import {
  downloadText,
  type TranscriptOptions,
  transcriptFilename,
  transcriptText,
} from '../../src/widget/messages/transcript.js';
import type { ChatAttachment, ChatMessage, ChatParticipant } from '../../src/widget/transport/transport.js';

const SID = `CH${'a'.repeat(32)}`;
const VISITOR = 'visitor-1';

function attachment(filename: string | null): ChatAttachment {
  return { sid: 'ME1', filename, contentType: 'image/png', size: 10, url: async () => null };
}

function message(index: number, author: string | null, body: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `IM${index}`,
    index,
    author,
    body,
    sentAt: new Date(Date.UTC(2024, 4, 1, 14, index)),
    clientId: undefined,
    attachments: [],
    ...extra,
  };
}

const agent: ChatParticipant = { identity: 'agent-sam', name: 'Sam (Support)', lastReadIndex: null };

function options(overrides: Partial<TranscriptOptions> = {}): TranscriptOptions {
  return {
    t: translator(en),
    language: 'en',
    conversationSid: SID,
    identity: VISITOR,
    participants: new Map([['agent-sam', agent]]),
    timeZone: 'UTC',
    ...overrides,
  };
}

describe('transcriptText', () => {
  it('writes a title, the conversation SID and one line per message with date, name and body', () => {
    const text = transcriptText(
      [
        message(0, VISITOR, 'Hello!'),
        message(1, 'agent-sam', 'Hi, how can I help?'),
        message(2, 'someone-else', 'Joining in'),
        message(3, null, 'Conversation assigned'),
      ],
      options(),
    );
    expect(text).to.equal(
      [
        'Chat transcript',
        SID,
        '',
        '[5/1/24, 2:00 PM] You: Hello!',
        '[5/1/24, 2:01 PM] Sam (Support): Hi, how can I help?',
        '[5/1/24, 2:02 PM] someone-else: Joining in',
        '[5/1/24, 2:03 PM] System: Conversation assigned',
        '',
      ].join('\n'),
    );
  });

  it('names attached files, indents continuation lines, and leaves out a missing date', () => {
    const text = transcriptText(
      [
        message(0, VISITOR, 'First line\r\nsecond line', { attachments: [attachment('receipt.pdf')] }),
        message(1, 'agent-sam', '', { attachments: [attachment('label.png'), attachment(null)], sentAt: null }),
      ],
      options(),
    );
    expect(text.split('\n').slice(3, -1)).to.deep.equal([
      '[5/1/24, 2:00 PM] You: First line',
      '  second line [receipt.pdf]',
      'Sam (Support): [label.png] [attachment]',
    ]);
  });

  it('writes dates the way the language does, and uses its words', () => {
    const t = translator({ ...en, transcriptTitle: 'Chat-Verlauf', you: 'Sie' });
    const text = transcriptText([message(5, VISITOR, 'Hallo')], options({ t, language: 'de' }));
    expect(text.split('\n')[0]).to.equal('Chat-Verlauf');
    expect(text.split('\n')[3]).to.equal('[01.05.24, 14:05] Sie: Hallo');
  });

  it('renders bodies as they are, markup included', () => {
    const text = transcriptText([message(0, VISITOR, '<b>not bold</b> & done')], options());
    expect(text).to.contain('You: <b>not bold</b> & done');
  });
});

describe('transcriptFilename', () => {
  it('is dated by the local day', () => {
    expect(transcriptFilename(new Date(2024, 0, 9, 23, 59))).to.equal('chat-transcript-2024-01-09.txt');
  });
});

describe('downloadText', () => {
  it('downloads the text as a UTF-8 .txt through a temporary object URL, revoked afterwards', async () => {
    const created: Blob[] = [];
    const revoked: string[] = [];
    const clicked: { href: string; download: string; connected: boolean }[] = [];
    const original = {
      create: URL.createObjectURL,
      revoke: URL.revokeObjectURL,
      click: HTMLAnchorElement.prototype.click,
    };
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      created.push(blob as Blob);
      return 'blob:transcript-test';
    };
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, connected: this.isConnected });
    };
    try {
      downloadText('chat.txt', 'Hé\n');
      expect(clicked).to.deep.equal([{ href: 'blob:transcript-test', download: 'chat.txt', connected: false }]);
      expect(created[0]!.type).to.equal('text/plain;charset=utf-8');
      expect(await created[0]!.text()).to.equal('Hé\n');
      expect(revoked, 'not before the download has started').to.deep.equal([]);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(revoked).to.deep.equal(['blob:transcript-test']);
    } finally {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
      HTMLAnchorElement.prototype.click = original.click;
    }
  });
});
