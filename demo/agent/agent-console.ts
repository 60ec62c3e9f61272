/**
 * A minimal support console: lists conversations, shows one (and marks it
 * read, so the visitor sees "Read"), replies as the agent, closes it. It
 * polls the demo's agent API for messages; typing goes both ways over a
 * realtime link as the agent (agent-realtime.ts).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  type AgentConversation,
  type AgentMessage,
  closeConversation,
  join,
  listConversations,
  listMessages,
  markRead,
  reply,
} from './agent-api-client.js';
import { AgentRealtime, type FollowedConversation } from './agent-realtime.js';

const POLL_MS = 1500;

@customElement('agent-console')
export class AgentConsole extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: 20rem 1fr; height: 100vh; font-family: system-ui, sans-serif; }
    aside { border-right: 1px solid #d7dce3; overflow-y: auto; background: #f6f8fb; }
    h1 { font-size: 1rem; margin: 0; padding: 1rem; border-bottom: 1px solid #d7dce3; }
    ul { list-style: none; margin: 0; padding: 0; }
    aside button { all: unset; box-sizing: border-box; display: block; width: 100%; padding: 0.75rem 1rem; cursor: pointer; border-bottom: 1px solid #e6e9ee; }
    aside button:hover, aside button:focus-visible { background: #e9eef6; }
    aside button[aria-current='true'] { background: #dbe6f7; }
    .meta { display: block; font-size: 0.8rem; color: #5c6675; }
    section { display: flex; flex-direction: column; min-height: 0; }
    section header { display: flex; align-items: center; gap: 0.75rem; padding: 0.75rem 1rem; border-bottom: 1px solid #d7dce3; }
    section h2 { flex: 1; margin: 0; font-size: 1rem; }
    section header button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 0.5rem; border: 1px solid #b42318; background: white; color: #b42318; cursor: pointer; }
    section header button:disabled { border-color: #b9c1cc; color: #5c6675; cursor: default; }
    .log { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: 0.5rem; }
    .msg { max-width: 70%; padding: 0.5rem 0.75rem; border-radius: 0.75rem; background: #eef1f5; overflow-wrap: anywhere; }
    .body { white-space: pre-wrap; }
    .msg.agent { align-self: flex-end; background: #1f5fbf; color: white; }
    .msg .author { display: block; font-size: 0.75rem; opacity: 0.75; }
    form { display: flex; gap: 0.5rem; padding: 0.75rem; border-top: 1px solid #d7dce3; }
    textarea { flex: 1; resize: none; font: inherit; padding: 0.5rem; border-radius: 0.5rem; border: 1px solid #b9c1cc; }
    form button { font: inherit; padding: 0 1.25rem; border-radius: 0.5rem; border: 0; background: #1f5fbf; color: white; cursor: pointer; }
    form button:disabled { background: #8a94a3; cursor: default; }
    .empty, .error { padding: 1rem; color: #5c6675; }
    .error { color: #b42318; }
    .typing { margin: 0; padding: 0 1rem; min-height: 1.25rem; font-size: 0.85rem; font-style: italic; color: #5c6675; }
  `;

  @state() private conversations: AgentConversation[] = [];
  @state() private selected?: string;
  @state() private messages: AgentMessage[] = [];
  @state() private error?: string;
  @state() private closing = false;
  @state() private visitorTyping = false;
  /** The selected conversation is followed live (typing both ways works). */
  @state() private live = false;
  private timer?: ReturnType<typeof setInterval>;
  /** The realtime link as the agent; undefined when it could not start (the console works without it). */
  private realtime?: Promise<AgentRealtime | undefined>;
  /** The selected conversation, followed over the link. */
  private followed?: FollowedConversation;
  /** Counts selections, so a slow follow of an earlier one is dropped. */
  private followAttempt = 0;
  /** The index the agent's read horizon was moved to, per conversation, so each move is sent once. */
  private readonly readUpTo = new Map<string, number>();

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), POLL_MS);
    this.realtime = AgentRealtime.connect().catch((error: unknown) => {
      console.warn('[agent console] no realtime link, so no typing indicators:', error);
      return undefined;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.unfollow();
    void this.realtime?.then((realtime) => realtime?.shutdown());
    this.realtime = undefined;
  }

  /** Joins the conversation as the agent and follows it: the visitor's typing shows here, the agent's there. */
  private async follow(sid: string) {
    const attempt = this.unfollow();
    if (this.selectedConversation?.state === 'closed') return;
    try {
      await join(sid);
      const realtime = await this.realtime;
      if (!realtime || attempt !== this.followAttempt) return;
      const followed = await realtime.follow(sid, (typing) => {
        if (attempt === this.followAttempt) this.visitorTyping = typing;
      });
      if (attempt !== this.followAttempt) {
        followed.stop();
        return;
      }
      this.followed = followed;
      this.live = true;
    } catch (error) {
      console.warn(`[agent console] cannot follow ${sid} live:`, error);
    }
  }

  /** Stops following the selected conversation; returns the new attempt number. */
  private unfollow(): number {
    this.followed?.stop();
    this.followed = undefined;
    this.live = false;
    this.visitorTyping = false;
    return ++this.followAttempt;
  }

  private async refresh() {
    try {
      this.conversations = await listConversations();
      const sid = this.selected;
      if (sid) {
        const messages = await listMessages(sid);
        // The agent may have picked another conversation meanwhile.
        if (sid !== this.selected) return;
        this.messages = messages;
        // Nobody types in a closed conversation.
        if (this.selectedConversation?.state === 'closed' && this.live) this.unfollow();
        await this.markShownRead(sid);
      }
      this.error = undefined;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** The agent has seen what the console shows: move its read horizon to the newest message. */
  private async markShownRead(sid: string) {
    const newest = this.messages.at(-1);
    if (!newest || this.selectedConversation?.state === 'closed' || document.visibilityState !== 'visible') return;
    if ((this.readUpTo.get(sid) ?? -1) >= newest.index) return;
    await markRead(sid, newest.index);
    this.readUpTo.set(sid, newest.index);
  }

  private get selectedConversation(): AgentConversation | undefined {
    return this.conversations.find((conversation) => conversation.sid === this.selected);
  }

  private async close() {
    if (!this.selected) return;
    this.closing = true;
    try {
      await closeConversation(this.selected);
      await this.refresh();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.closing = false;
    }
  }

  private async select(sid: string) {
    this.selected = sid;
    this.messages = [];
    void this.follow(sid);
    await this.refresh();
  }

  private typing(event: InputEvent) {
    if ((event.currentTarget as HTMLTextAreaElement).value.trim()) this.followed?.typing();
  }

  private async send(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('body') as HTMLTextAreaElement;
    const body = input.value.trim();
    if (!body || !this.selected) return;
    try {
      await reply(this.selected, body);
      this.followed?.sent();
      input.value = '';
      await this.refresh();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    const conversation = this.selectedConversation;
    const closed = conversation?.state === 'closed';
    return html`
      <aside>
        <h1>Conversations</h1>
        ${this.conversations.length === 0 ? html`<p class="empty">No conversations yet. Open the shop page and say hello.</p>` : nothing}
        <ul data-testid="conversations">
          ${this.conversations.map(
            (c) => html`<li>
              <button data-sid=${c.sid} aria-current=${c.sid === this.selected} @click=${() => this.select(c.sid)}>
                ${c.friendlyName ?? c.sid}
                <span class="meta">${c.state} · ${new Date(c.dateCreated).toLocaleString()}</span>
              </button>
            </li>`,
          )}
        </ul>
      </aside>
      <section aria-label="Conversation" data-live=${this.live}>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${this.selected
          ? html`
              <header>
                <h2>${conversation?.friendlyName ?? this.selected}</h2>
                <span class="meta" data-testid="state">${conversation?.state ?? ''}</span>
                <button type="button" ?disabled=${closed || this.closing} @click=${this.close}>Close conversation</button>
              </header>
              <div class="log" role="log" data-testid="messages">
                ${this.messages.map(
                  (m) => html`<div class="msg ${m.fromAgent ? 'agent' : ''}">
                    <span class="author">${m.author}</span><span class="body">${m.body}</span>
                  </div>`,
                )}
              </div>
              <p class="typing" role="status" data-testid="visitor-typing">
                ${this.visitorTyping ? 'Visitor is typing…' : ''}
              </p>
              <form @submit=${this.send}>
                <textarea
                  name="body"
                  rows="2"
                  aria-label="Reply"
                  placeholder=${closed ? 'This conversation is closed.' : 'Reply as the agent…'}
                  ?disabled=${closed}
                  @input=${this.typing}
                ></textarea>
                <button type="submit" ?disabled=${closed}>Send</button>
              </form>
            `
          : html`<p class="empty">Pick a conversation.</p>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agent-console': AgentConsole;
  }
}
