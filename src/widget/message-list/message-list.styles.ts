import { css } from '@lit/reactive-element';

/*
 * The message list. Base rules, spinner and text buttons: ../styles/. Colours are the theme's
 * --_* tokens (chat-panel.styles.ts). Logical properties keep RTL right.
 * - .log: the scroller; the panel's column gives it its height (flex), and min-height 0 keeps it
 *   from spilling under the composer, or under the history section when that is open.
 *   overflow-anchor none: the list keeps the visitor's row in place itself as rows come and go
 *   above it (Safari has no scroll anchoring); the browser's would correct a second time.
 *   scrollbar-gutter: a scrollbar appearing must not narrow the rows (they would all reflow).
 * - .older: over the top of the log, so it never moves the messages.
 * - .row: spacing is padding, so rows sit edge to edge (no margins collapsing between them).
 * - .avatar[data-hue]: identity colours (see messages/avatar.ts), each at least 5:1 against the
 *   white initials.
 * - .bubble radii: bubbles of one group hug each other on the author's side.
 * - time: 0.85 opacity; any fainter and the time on an own (accent) bubble falls below 4.5:1.
 * - .image: a fixed box, so a picture that loads late never changes the row's height.
 * - .file: its icon, then the name over the size; a long name is cut short, never the size, and
 *   the card is only as wide as the longer of the two.
 * - .author, .file-name: bidi-isolated, so a direction override in a name (a spoofed extension,
 *   "invoice\u202Efdp.exe") cannot reorder what follows it.
 */
export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    color: var(--_text);
  }

  svg {
    inline-size: 18px;
    block-size: 18px;
  }

  .frame {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    background: var(--_surface-sunken);
  }

  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overflow-anchor: none;
    overscroll-behavior: contain;
    scrollbar-gutter: stable;
  }

  .log:focus-visible {
    outline-offset: -2px;
  }

  .older {
    position: absolute;
    z-index: 1;
    inset-block-start: 8px;
    inset-inline: 12px;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 4px 8px;
    padding: 6px 12px;
    border-radius: 16px;
    background: var(--_surface-raised);
    box-shadow:
      0 4px 12px rgb(16 24 40 / 0.12),
      0 0 0 1px var(--_border);
    color: var(--_text-muted);
    font-size: 13px;
    text-align: center;
  }

  .empty {
    margin: 0;
    padding: 32px 24px;
    color: var(--_text-muted);
    text-align: center;
  }

  .row {
    padding-block: 1px;
    padding-inline: 12px;
  }

  .row.group-start {
    padding-block-start: 10px;
  }

  .row.last {
    padding-block-end: 12px;
  }

  .separator {
    display: flex;
    align-items: center;
    gap: 10px;
    padding-block: 14px 4px;
    color: var(--_text-muted);
    font-size: 12px;
    font-weight: 600;
  }

  .separator::before,
  .separator::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--_border);
  }

  .new-messages {
    color: var(--_text);
  }

  .new-messages::before,
  .new-messages::after {
    border-color: var(--_accent);
  }

  .message {
    display: flex;
    align-items: flex-end;
    gap: 8px;
  }

  .message.own {
    justify-content: flex-end;
  }

  .avatar,
  .avatar-space {
    flex: none;
    width: 28px;
  }

  .avatar {
    display: grid;
    place-items: center;
    align-self: flex-start;
    height: 28px;
    margin-block-start: 18px;
    border-radius: 50%;
    background: #3e4784;
    color: #fff;
    font-size: 11px;
    font-weight: 700;
    line-height: 1;
  }

  .avatar[data-hue='0'] {
    background: #b42318;
  }
  .avatar[data-hue='1'] {
    background: #b54708;
  }
  .avatar[data-hue='2'] {
    background: #027a48;
  }
  .avatar[data-hue='3'] {
    background: #026aa2;
  }
  .avatar[data-hue='4'] {
    background: #5925dc;
  }
  .avatar[data-hue='5'] {
    background: #c11574;
  }
  .avatar[data-hue='6'] {
    background: #3e4784;
  }
  .avatar[data-hue='7'] {
    background: #107569;
  }

  .content {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    min-width: 0;
    max-width: 80%;
  }

  .own .content {
    align-items: flex-end;
  }

  .author {
    unicode-bidi: isolate;
    margin-block-end: 2px;
    margin-inline-start: 4px;
    color: var(--_text-muted);
    font-size: 12px;
    font-weight: 600;
  }

  .bubble {
    max-width: 100%;
    padding: 8px 12px;
    border-radius: 18px;
    overflow-wrap: anywhere;
  }

  .own .bubble {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }

  .other .bubble {
    background: var(--_surface-raised);
    box-shadow: 0 0 0 1px var(--_border);
  }

  .row:not(.group-start) .own .bubble {
    border-start-end-radius: 6px;
  }
  .row:not(.group-end) .own .bubble {
    border-end-end-radius: 6px;
  }
  .row:not(.group-start) .other .bubble {
    border-start-start-radius: 6px;
  }
  .row:not(.group-end) .other .bubble {
    border-end-start-radius: 6px;
  }

  .own .bubble :focus-visible {
    outline-color: var(--_accent-contrast);
  }

  .body {
    margin: 0;
    white-space: pre-wrap;
  }

  .body a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
  }

  time {
    display: block;
    margin-block-start: 2px;
    font-size: 11px;
    text-align: end;
    opacity: 0.85;
  }

  .status {
    margin-block-start: 3px;
    margin-inline-end: 4px;
    color: var(--_text-muted);
    font-size: 11.5px;
  }

  .status[data-status='failed'] {
    color: var(--_danger);
    font-weight: 600;
  }

  .actions {
    display: flex;
    gap: 4px;
  }

  .text-button {
    padding: 4px 10px;
    border-radius: 999px;
    font-size: 13px;
  }

  .text-button:hover {
    background: color-mix(in srgb, var(--_accent) 10%, transparent);
  }

  .image {
    display: block;
    margin-block: 4px;
    border-radius: 12px;
    overflow: hidden;
    background: color-mix(in srgb, currentColor 12%, transparent);
    cursor: zoom-in;
  }

  .image img,
  .image.loading {
    display: block;
    width: 220px;
    max-width: 100%;
    height: 160px;
    object-fit: cover;
  }

  .file {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    gap: 0 10px;
    max-width: 100%;
    margin-block: 4px;
    padding-block: 8px;
    padding-inline: 10px 14px;
    border-radius: 12px;
    background: color-mix(in srgb, currentColor 10%, transparent);
    text-align: start;
  }

  .file svg {
    grid-row: span 2;
    inline-size: 22px;
    block-size: 22px;
  }

  .file-name {
    unicode-bidi: isolate;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }

  .file-size {
    font-size: 12px;
    white-space: nowrap;
  }

  .file progress {
    grid-column: 1 / -1;
    width: 100%;
    height: 4px;
    margin-block-start: 6px;
    accent-color: currentColor;
  }

  .unavailable {
    margin-block: 4px;
    font-style: italic;
    opacity: 0.85;
  }

  .typing {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 4px 16px;
    background: var(--_surface-sunken);
    color: var(--_text-muted);
    font-size: 12.5px;
  }

  .typing:empty {
    padding-block: 0;
  }

  .dots {
    display: inline-flex;
    gap: 3px;
  }

  .dots span {
    width: 5px;
    height: 5px;
    border-radius: 50%;
    background: currentColor;
  }

  @media (prefers-reduced-motion: no-preference) {
    .dots span {
      animation: typing 1.2s ease-in-out infinite;
    }
    .dots span:nth-child(2) {
      animation-delay: 0.15s;
    }
    .dots span:nth-child(3) {
      animation-delay: 0.3s;
    }
  }

  @keyframes typing {
    0%,
    60%,
    100% {
      opacity: 0.35;
      transform: translateY(0);
    }
    30% {
      opacity: 1;
      transform: translateY(-3px);
    }
  }
`;
