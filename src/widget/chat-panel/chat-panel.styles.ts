import { css } from 'lit';

/* Colours, font and radius come from custom properties the <bridge-chat> host sets (--_accent, …). */
export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: #fff;
    color: #1f2330;
    font-family: var(--_font);
    font-size: 14.5px;
    line-height: 1.4;
    border-radius: var(--_radius);
    box-shadow:
      0 24px 48px -12px rgb(16 24 40 / 0.28),
      0 0 0 1px rgb(16 24 40 / 0.06);
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  .panel {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }

  svg {
    width: 20px;
    height: 20px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 14px 12px 14px 20px;
    background: linear-gradient(135deg, var(--_accent), color-mix(in srgb, var(--_accent) 70%, #000));
    color: var(--_accent-contrast);
  }

  header :focus-visible {
    outline-color: var(--_accent-contrast);
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
    background: #fdb022;
  }

  .connection[data-state='connected']::before {
    background: #32d583;
  }

  .connection[data-state='offline']::before,
  .connection[data-state='error']::before {
    background: #f97066;
  }

  .icon-button {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 40px;
    height: 40px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }

  .close:hover {
    background: rgb(255 255 255 / 0.16);
  }

  [part='messages'] {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 8px;
    margin: 0;
    padding: 16px;
    overflow-y: auto;
    overscroll-behavior: contain;
    background: #f6f7fb;
  }

  [part='messages']:focus-visible {
    outline-offset: -2px;
  }

  .empty {
    margin: auto;
    color: #5b6275;
    text-align: center;
  }

  .message {
    max-width: 80%;
    padding: 8px 13px;
    border-radius: 18px;
    overflow-wrap: anywhere;
  }

  .message.own {
    align-self: flex-end;
    border-bottom-right-radius: 6px;
    background: var(--_accent);
    color: var(--_accent-contrast);
  }

  .message.other {
    align-self: flex-start;
    border-bottom-left-radius: 6px;
    background: #fff;
    box-shadow: 0 0 0 1px #e4e7ef;
  }

  .author {
    display: block;
    margin-bottom: 2px;
    color: #5b6275;
    font-size: 12px;
    font-weight: 600;
  }

  .body {
    margin: 0;
    white-space: pre-wrap;
  }

  time {
    display: block;
    margin-top: 2px;
    font-size: 11px;
    text-align: right;
    /* Any fainter and the time on an own (accent) bubble falls below 4.5:1 contrast. */
    opacity: 0.85;
  }

  .composer-error {
    margin: 0;
    padding: 8px 16px 0;
    color: #b42318;
    font-size: 13px;
  }

  .composer-error:empty {
    display: none;
  }

  [part='composer'] {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 12px;
    border-top: 1px solid #eceef4;
  }

  [part='input'] {
    flex: 1;
    field-sizing: content;
    min-height: 40px;
    max-height: 140px;
    padding: 9px 14px;
    border: 1px solid #d5d9e3;
    border-radius: 20px;
    resize: none;
    color: inherit;
    font: inherit;
  }

  [part='input']:focus-visible {
    outline: none;
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_accent) 25%, transparent);
  }

  [part='input'][aria-invalid='true'] {
    border-color: #d92d20;
  }

  .send {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }

  .send:hover {
    background: color-mix(in srgb, var(--_accent) 85%, #000);
  }

  .state {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 10px;
    padding: 24px;
    color: #4b5162;
    text-align: center;
  }

  .state p {
    margin: 0;
  }

  .state-title {
    color: #1f2330;
    font-size: 16px;
    font-weight: 600;
  }

  .state-icon {
    width: 44px;
    height: 44px;
    color: #d92d20;
  }

  .retry {
    margin-top: 6px;
    padding: 9px 22px;
    border: none;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-contrast);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .spinner {
    width: 28px;
    height: 28px;
    border: 3px solid #e3e6ef;
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }
`;
