import { expect } from '@open-wc/testing';
import { type ContextResponse, contextResponseSchema } from '../../src/protocol/context.js';
import { type ErrorBody, errorBodySchema } from '../../src/protocol/errors.js';
import {
  type EndResponse,
  endResponseSchema,
  type RefreshResponse,
  refreshResponseSchema,
  type SessionResponse,
  sessionResponseSchema,
  type VisitorResponse,
  visitorResponseSchema,
} from '../../src/protocol/session.js';
import {
  isContextResponse,
  isEndResponse,
  isErrorBody,
  isRefreshResponse,
  isSessionResponse,
  isVisitorResponse,
} from '../../src/widget/session/companion-answers.js';

const session: SessionResponse = {
  identity: 'visitor-1',
  conversationSid: `CH${'0'.repeat(32)}`,
  token: 'jwt',
  tokenExpiresAt: '2026-11-22T10:00:00.000Z',
  sessionToken: 'st',
  backend: { kind: 'emulator', realtimeUrl: 'ws://127.0.0.1:1/realtime' },
};
const context: ContextResponse = {
  link: { status: 'linked', conversationId: 'conv_1' },
  history: { items: [{ conversationId: 'conv_0', channel: 'SMS', startedAt: '2026-11-01T10:00:00.000Z', summary: null }] },
  memory: { traits: { Loyalty: { tier: 'Gold' } }, observations: [] },
};
const visitor: VisitorResponse = { identified: false };
const refresh: RefreshResponse = { token: 'jwt', tokenExpiresAt: '2026-11-22T10:00:00.000Z', sessionToken: 'st' };
const end: EndResponse = { conversationSid: session.conversationSid, state: 'closed' };
const error: ErrorBody = { error: { code: 'unauthorized', message: 'No.' } };

/** A stranger's answers: what a proxy, a wrong URL or an older companion might send with a 2xx. */
const strangers: unknown[] = [undefined, null, '<!doctype html>', [], 42, {}];

const cases = [
  { name: 'session', guard: isSessionResponse, schema: sessionResponseSchema, valid: session as object },
  { name: 'context', guard: isContextResponse, schema: contextResponseSchema, valid: context },
  { name: 'visitor', guard: isVisitorResponse, schema: visitorResponseSchema, valid: visitor },
  { name: 'refresh', guard: isRefreshResponse, schema: refreshResponseSchema, valid: refresh },
  { name: 'end', guard: isEndResponse, schema: endResponseSchema, valid: end },
  { name: 'error', guard: isErrorBody, schema: errorBodySchema, valid: error },
];

describe('companion answers', () => {
  for (const { name, guard, schema, valid } of cases) {
    it(`${name}: accepts what the protocol schema accepts, refuses strangers`, () => {
      expect(schema.safeParse(valid).success, 'the sample is a valid answer').to.equal(true);
      expect(guard(valid)).to.equal(true);
      for (const stranger of strangers) expect(guard(stranger), JSON.stringify(stranger)).to.equal(false);
    });
  }

  it('refuses answers that lack what the widget relies on', () => {
    const without = <T extends object>(value: T, key: keyof T) => {
      const copy = { ...value };
      delete copy[key];
      return copy;
    };
    for (const key of ['identity', 'conversationSid', 'token', 'tokenExpiresAt', 'sessionToken', 'backend'] as const) {
      expect(isSessionResponse(without(session, key)), key).to.equal(false);
    }
    expect(isSessionResponse({ ...session, token: '' })).to.equal(false);
    expect(isSessionResponse({ ...session, backend: { kind: 'emulator' } })).to.equal(false);
    expect(isSessionResponse({ ...session, backend: { kind: 'twilio' } })).to.equal(true);
    expect(isContextResponse({ ...context, history: { items: [{}] } })).to.equal(false);
    expect(isContextResponse({ ...context, memory: { traits: {} } })).to.equal(false);
    expect(isVisitorResponse({ identified: 'yes' })).to.equal(false);
    expect(isErrorBody({ error: 'unauthorized' })).to.equal(false);
  });
});
