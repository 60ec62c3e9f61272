import { css } from '@lit/reactive-element';

/*
 * The theme: private --_* tokens on the panel, inherited by every shadow tree inside it (message
 * list, composer…), so components never hard-code a colour. Each is light-dark(): the light or
 * dark value by the color-scheme <bridge-chat> sets from its `theme` (for `auto`, the visitor's
 * system); the accent, font and radius come from its public --bridge-chat-* properties.
 * - --_border-strong: input outlines, 3:1 against the surface, as WCAG asks of a control's boundary.
 * - --_accent-text: the accent used as text or an icon on the surface (links, icons); on the dark
 *   surface the default accent is too dark to read, so it is lightened (and the focus ring).
 * - --_status-*: status dots on the accent header, the same in both themes (text beside them says
 *   the same).
 * Every element inside the panel adopts these too (one shared stylesheet, so nothing more ships):
 * it then has them when a test renders it on its own.
 */
export const themeTokens = css`
  :host {
    --_surface: light-dark(#ffffff, #1b1e25);
    --_surface-raised: light-dark(#ffffff, #272b35);
    --_surface-sunken: light-dark(#f4f5f9, #121419);
    --_text: light-dark(#1f2330, #eceef3);
    --_text-muted: light-dark(#565d72, #a9afbe);
    --_border: light-dark(#dfe2ea, #353a46);
    --_border-strong: light-dark(#868da0, #7a8194);
    --_danger: light-dark(#b42318, #fb8a80);
    --_accent-text: light-dark(var(--_accent), color-mix(in srgb, var(--_accent) 45%, #fff));
    --_focus-ring: var(--_accent-text);
    --_shadow: light-dark(rgb(16 24 40 / 0.28), rgb(0 0 0 / 0.6));
    --_status-online: #32d583;
    --_status-waiting: #fdb022;
    --_status-offline: #f97066;
  }
`;

/*
 * The panel's frame: header, banner, the connecting/error/closed states, and the column they
 * stand in; the message list, composer, pre-chat form and end-chat question style themselves. Base rules, icon buttons and the spinner are shared: ../styles/.
 * Colours, font and radius come from the theme tokens above and the <bridge-chat> host (--_accent,
 * --_font, --_radius).
 * Sides are logical (inline-start/end) so that a right-to-left language mirrors the layout.
 *
 * The column (.panel): header, banner, then by the chat's state the pre-chat form (scrolling inside
 * the panel), a state in the middle (connecting, error), or the history section, the messages and
 * the composer (or, in its place, the end-chat confirmation or the closed state). The messages take
 * the height left (at least 120px) and scroll themselves; the history section takes at most half
 * the panel and scrolls itself, and gives way first when the panel is short (its own styles,
 * ../context-details/context-details.styles.ts).
 * Nothing in the column overlaps.
 * - .connection::before: a status dot on the accent header; the text beside it says the same.
 * - [part='end-chat'] svg: the arrow points the way the text runs.
 * - [part='banner']: connection lost or offline, a strip under the header.
 * - .header-content: the site's `header` slot (a logo, an agent's photo) before the title;
 *   .footer: its `footer` slot (e.g. a privacy notice) at the foot of the column, in every state.
 * - Below 640px the floating panel fills the screen, the part the on-screen keyboard leaves
 *   (--_viewport-* follow the visual viewport), clear of the notch and home indicator; its header
 *   reaches under the notch. !important because <bridge-chat> places [part='panel'] from outside,
 *   and outer rules win over :host ones unless these are important.
 * - The floating panel rises into view, for visitors who have not asked for less motion.
 */
export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: var(--_surface);
    color: var(--_text);
    font-family: var(--_font);
    font-size: 14.5px;
    line-height: 1.4;
    border-radius: var(--_radius);
    box-shadow:
      0 24px 48px -12px var(--_shadow),
      0 0 0 1px color-mix(in srgb, var(--_text) 8%, transparent);
  }

  .panel {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }

  header,
  [part='banner'],
  .footer,
  bridge-chat-composer,
  .closed,
  bridge-chat-end-confirmation {
    flex: none;
  }

  bridge-chat-message-list {
    flex: 1 1 0;
    min-height: 120px;
  }

  header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding-block: 14px;
    padding-inline: 20px 8px;
    background: linear-gradient(135deg, var(--_accent), color-mix(in srgb, var(--_accent) 70%, #000));
    color: var(--_accent-contrast);
  }

  header :focus-visible {
    outline-color: var(--_accent-contrast);
  }

  .heading {
    min-width: 0;
    margin-inline-end: auto;
  }

  .header-content {
    display: flex;
    flex: none;
    align-items: center;
    gap: 8px;
    max-height: 40px;
  }

  .footer {
    padding-block: 6px 8px;
    padding-inline: 16px;
    color: var(--_text-muted);
    font-size: 12px;
    text-align: center;
  }

  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 600;
  }

  .connection {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 2px 0 0;
    font-size: 12.5px;
    opacity: 0.9;
  }

  .connection::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_status-waiting);
    box-shadow: 0 0 0 1.5px var(--_accent-contrast);
  }

  .connection[data-state='connected']::before {
    background: var(--_status-online);
  }

  .connection[data-state='offline']::before,
  .connection[data-state='error']::before {
    background: var(--_status-offline);
  }

  .header-actions {
    display: flex;
    flex: none;
    align-items: center;
    gap: 2px;
  }

  header .icon-button:hover {
    background: color-mix(in srgb, var(--_accent-contrast) 16%, transparent);
  }

  :host(:dir(rtl)) [part='end-chat'] svg {
    transform: scaleX(-1);
  }

  [part='banner'] {
    margin: 0;
    padding-block: 8px;
    padding-inline: 16px;
    border-block-end: 1px solid var(--_border);
    background: color-mix(in srgb, var(--_status-waiting) 18%, var(--_surface));
    font-size: 13px;
  }

  .prechat {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  .state {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 10px;
    padding: 24px;
    color: var(--_text-muted);
    text-align: center;
  }

  .state p,
  .closed p {
    margin: 0;
  }

  .state-title {
    color: var(--_text);
    font-size: 16px;
    font-weight: 600;
  }

  .state-message {
    color: var(--_text-muted);
  }

  .state-icon {
    width: 44px;
    height: 44px;
    color: var(--_danger);
  }

  .closed {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 6px;
    padding: 16px;
    border-block-start: 1px solid var(--_border);
    text-align: center;
  }

  .retry {
    margin-block-start: 6px;
    padding: 9px 20px;
    border: 1px solid transparent;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-contrast);
    font-weight: 600;
  }

  .retry:hover {
    background: color-mix(in srgb, var(--_accent) 85%, #000);
  }

  .spinner {
    inline-size: 28px;
    block-size: 28px;
    border-width: 3px;
  }

  @media (max-width: 640px) {
    :host([data-mode='floating']) {
      position: fixed !important;
      inset: var(--_viewport-top, 0) 0 auto 0 !important;
      width: 100% !important;
      height: var(--_viewport-height, 100dvh) !important;
      padding: 0 env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);
      border-radius: 0;
      box-shadow: none;
    }

    :host([data-mode='floating']) header {
      padding-block-start: calc(14px + env(safe-area-inset-top));
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    :host([data-mode='floating']) {
      animation: panel-in 180ms ease-out;
    }
  }

  @keyframes panel-in {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
`;
