import { type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import { nothing, render } from 'lit/html.js';

/**
 * The base of every element of the widget: Lit's ReactiveElement, rendering its template with
 * lit-html after each update, as LitElement does. LitElement adds only what the widget never uses
 * (hydration hooks, the wiring of async directives), and every byte here is paid by each page that
 * embeds the launcher, or each visitor who opens the chat. `render()` returns the template.
 */
export class WidgetElement extends ReactiveElement {
  protected render(): unknown {
    return nothing;
  }

  protected override update(changed: PropertyValues): void {
    const template = this.render();
    super.update(changed);
    render(template, this.renderRoot, { host: this });
  }
}
