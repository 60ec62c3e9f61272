/** The agent's side of an end-to-end chat, through the demo's agent API (what the agent console uses). */
import assert from 'node:assert/strict';

/** How long an end-to-end step may wait for the other side before it fails. */
const WAIT_MS = 20_000;

/** The conversation's message bodies as the agent reads them (over Twilio's REST API); a file alone has none. */
export async function agentMessages(demoUrl: string, conversationSid: string): Promise<string[]> {
  const response = await fetch(new URL(`agent-api/conversations/${conversationSid}/messages`, demoUrl));
  assert.equal(response.status, 200);
  const { messages } = (await response.json()) as { messages: { body: string | null }[] };
  return messages.map((message) => message.body ?? '');
}

/** Waits until the agent has a message containing `text`. */
export async function agentSees(demoUrl: string, conversationSid: string, text: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await agentMessages(demoUrl, conversationSid)).some((body) => body.includes(text))) {
    assert.ok(Date.now() < deadline, `the agent never saw "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The agent answers in the conversation. */
export async function agentReplies(demoUrl: string, conversationSid: string, body: string): Promise<void> {
  const response = await fetch(new URL(`agent-api/conversations/${conversationSid}/messages`, demoUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  assert.equal(response.status, 201);
}
