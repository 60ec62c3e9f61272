/**
 * Answers the widget's `GET {session-url}/context` inside the page, so a test
 * chooses the answer (or the failure); every other request, `/session`
 * included, goes on to the real stack.
 */
import type { ContextResponse } from '../../../src/protocol/context.js';

export type StubAnswer = ContextResponse | { status: number; body?: unknown } | 'network-error';

export interface ContextRequest {
  url: URL;
  authorization: string | null;
}

export interface ContextStub {
  /** Every /context request the widget made, in order. */
  readonly requests: ContextRequest[];
}

const realFetch = window.fetch;

/** Installs the stub until restoreFetch(); `answer` gets the request and its position (0 for the first). */
export function stubContext(answer: (request: ContextRequest, index: number) => StubAnswer | Promise<StubAnswer>): ContextStub {
  const stub: ContextStub = { requests: [] };
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (request.method !== 'GET' || !url.pathname.endsWith('/context')) return realFetch(input, init);
    const entry = { url, authorization: request.headers.get('authorization') };
    stub.requests.push(entry);
    const result = await answer(entry, stub.requests.length - 1);
    if (result === 'network-error') throw new TypeError('Failed to fetch');
    if ('link' in result) return Response.json(result);
    return Response.json(result.body ?? { error: { code: 'internal_error', message: 'Stubbed failure.' } }, {
      status: result.status,
    });
  };
  return stub;
}

/** Answers from a list, one per request; the last one repeats. */
export function stubContextSequence(...answers: StubAnswer[]): ContextStub {
  return stubContext((_, index) => answers[Math.min(index, answers.length - 1)]!);
}

export function restoreFetch(): void {
  window.fetch = realFetch;
}

/** A context answer: linked, no history, no memory, unless `parts` says otherwise. */
export function contextAnswer(parts: Partial<ContextResponse> = {}): ContextResponse {
  return {
    link: { status: 'linked', conversationId: 'conv_current' },
    history: { items: [] },
    memory: { traits: {}, observations: [] },
    ...parts,
  };
}
