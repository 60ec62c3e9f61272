import { css } from '@lit/reactive-element';

/*
 * The chips of the files waiting in the composer. Base rules, icon buttons: ../styles/; colours:
 * the theme's --_* tokens.
 * - :host is display: contents, so the list is an item of the composer's column, and nothing at
 *   all (no gap) while no file is attached.
 * - .files: a few rows at most, then it scrolls, so the input stays in view.
 */
export const styles = css`
  :host {
    display: contents;
  }

  .files {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    max-block-size: 112px;
    margin: 0;
    padding: 0;
    overflow-y: auto;
    list-style: none;
  }

  .file {
    display: flex;
    align-items: center;
    gap: 6px;
    max-inline-size: 100%;
    padding-block: 3px;
    padding-inline: 4px 2px;
    border: 1px solid var(--_border);
    border-radius: 10px;
    background: var(--_surface-raised);
    font-size: 13px;
  }

  .file > img,
  .file > svg {
    inline-size: 28px;
    block-size: 28px;
    border-radius: 6px;
    object-fit: cover;
  }

  .name {
    /* A direction override in a file name cannot reorder the size after it. */
    unicode-bidi: isolate;
    min-inline-size: 0;
    max-inline-size: 150px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .size {
    color: var(--_text-muted);
    white-space: nowrap;
  }

  .remove {
    inline-size: 28px;
    block-size: 28px;
  }

  .remove svg {
    inline-size: 16px;
    block-size: 16px;
  }

  .remove:hover:enabled {
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
`;
