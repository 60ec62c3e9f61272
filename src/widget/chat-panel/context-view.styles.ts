import { css } from 'lit';

/* The link indicator in the header and the collapsible "Your history" section. */
export const contextStyles = css`
  .title {
    display: flex;
    align-items: center;
    gap: 8px;
  }

  .link-indicator {
    display: inline-grid;
    place-items: center;
    width: 22px;
    height: 22px;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.2);
  }

  .link-indicator svg {
    width: 14px;
    height: 14px;
  }

  .link-indicator[data-status='pending'] {
    background: transparent;
    box-shadow: inset 0 0 0 1.5px rgb(255 255 255 / 0.7);
    animation: pulse 1.6s ease-in-out infinite;
  }

  .link-indicator[data-status='pending'] svg {
    stroke-dasharray: 3 2;
  }

  .link-indicator[data-status='unavailable'] {
    background: transparent;
    opacity: 0.5;
  }

  .context {
    flex: none;
    display: flex;
    flex-direction: column;
    max-height: 55%;
    border-bottom: 1px solid #e4e7ef;
    background: #fff;
  }

  .context-toggle {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    padding: 10px 16px;
    border: none;
    background: transparent;
    color: #3d4354;
    font: inherit;
    font-weight: 600;
    text-align: start;
    cursor: pointer;
  }

  .context-toggle:hover {
    background: #f6f7fb;
  }

  .context-toggle:focus-visible {
    outline-offset: -2px;
  }

  .context-toggle svg {
    width: 18px;
    height: 18px;
    color: var(--_accent);
  }

  .context-toggle span {
    flex: 1;
  }

  .chevron {
    transition: transform 150ms ease;
  }

  .context-toggle[aria-expanded='true'] .chevron {
    transform: rotate(180deg);
  }

  .context-region {
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 0 16px 14px;
  }

  .context-region[hidden] {
    display: none;
  }

  h3 {
    margin: 10px 0 6px;
    color: #5b6275;
    font-size: 11.5px;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }

  .context-region p {
    margin: 0;
  }

  .context-state,
  .context-note {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 6px;
    padding-top: 8px;
    color: #5b6275;
  }

  .context-state[role='alert'] p {
    color: #b42318;
  }

  .context-note[data-status='pending'] {
    flex-direction: row;
    align-items: center;
    gap: 10px;
  }

  .context-note[data-status='pending']::before {
    content: '';
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: #fdb022;
    animation: pulse 1.6s ease-in-out infinite;
  }

  .skeleton {
    display: flex;
    flex-direction: column;
    gap: 6px;
    width: 100%;
    padding: 6px 0 6px 38px;
    background: radial-gradient(circle at 14px 18px, #eceef4 14px, transparent 14.5px);
  }

  .skeleton span {
    height: 10px;
    border-radius: 5px;
    background: linear-gradient(90deg, #eceef4 25%, #f6f7fb 50%, #eceef4 75%) 0 0 / 200% 100%;
    animation: shimmer 1.4s linear infinite;
  }

  .skeleton span:first-child {
    width: 40%;
  }

  .skeleton span:last-child {
    width: 85%;
  }

  .link-button {
    padding: 4px 0;
    border: none;
    background: none;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .link-button:hover {
    text-decoration: underline;
  }

  .link-button:disabled {
    color: #9aa0b0;
    cursor: progress;
    text-decoration: none;
  }

  .greeting {
    margin-bottom: 6px;
    font-weight: 600;
  }

  .traits {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 12px;
    margin: 0 0 6px;
  }

  .traits div {
    display: contents;
  }

  .traits dt {
    color: #5b6275;
  }

  .traits dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .observations,
  .history-list {
    display: flex;
    flex-direction: column;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .observations li {
    padding-left: 10px;
    border-left: 2px solid color-mix(in srgb, var(--_accent) 35%, transparent);
    overflow-wrap: anywhere;
  }

  .context-region time {
    display: inline;
    margin: 0;
    font-size: 12px;
    text-align: start;
  }

  .history-item {
    display: flex;
    gap: 10px;
  }

  .channel-icon {
    display: grid;
    place-items: center;
    flex: none;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_accent) 12%, #fff);
    color: var(--_accent);
  }

  .channel-icon svg {
    width: 16px;
    height: 16px;
  }

  .history-meta {
    color: #5b6275;
    font-size: 12px;
  }

  .channel {
    font-weight: 600;
  }

  .summary {
    overflow-wrap: anywhere;
  }

  .summary.none,
  .empty-history {
    color: #5b6275;
    font-style: italic;
  }

  .load-more-error {
    margin-top: 8px;
    color: #b42318;
    font-size: 13px;
  }

  .load-more {
    margin-top: 6px;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }

  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .link-indicator,
    .context-note::before,
    .skeleton span,
    .chevron {
      animation: none;
      transition: none;
    }
  }
`;
