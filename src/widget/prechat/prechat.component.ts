import type { PropertyDeclarations } from '@lit/reactive-element';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { SessionDetails } from '../controllers/session.controller.js';
import { en } from '../i18n/panel/en.js';
import { type PanelKey, type Translate, translator } from '../i18n/panel-strings.js';
import type { PrechatField, PrechatFieldName } from '../settings/panel-settings.js';
import { themeTokens } from '../chat-panel/chat-panel.styles.js';
import { baseStyles } from '../styles/base.styles.js';
import { controlStyles } from '../styles/controls.styles.js';
import { checkPrechat, checkPrechatField, type PrechatProblems, type PrechatValues } from './prechat-check.js';
import { styles } from './prechat.styles.js';
import './prechat.strings.js';
import { WidgetElement } from '../widget-element.js';

const labels: Record<PrechatFieldName, PanelKey> = { name: 'fieldName', email: 'fieldEmail', message: 'fieldMessage' };

/**
 * The pre-chat form: the fields the site asks for, checked as the companion
 * checks them, with each problem shown under its field. Nothing is sent
 * until every answer is acceptable.
 *
 * Event (non-bubbling): `bridge-chat-prechat-submit` with the answers as
 * `SessionDetails` (trimmed; empty optional answers left out).
 */
export default class BridgeChatPrechat extends WidgetElement {
  static override styles = [themeTokens, baseStyles, controlStyles, styles];
  static override properties: PropertyDeclarations = {
    fields: { attribute: false },
    t: { attribute: false },
    busy: { type: Boolean, reflect: true },
    values: { state: true },
    problems: { state: true },
  };
  static override shadowRootOptions: ShadowRootInit = { ...WidgetElement.shadowRootOptions, delegatesFocus: true };

  /** The fields to ask for, in order. */
  fields: readonly PrechatField[] = [];
  /** The panel's strings. */
  t: Translate = translator(en);
  /** The session is starting: the button shows it, and another submit is ignored. */
  busy = false;

  private values: PrechatValues = {};
  private problems: PrechatProblems = {};

  /** Whether the visitor has tried to submit; from then on each field is checked as they type. */
  #attempted = false;

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.#attempted = true;
    const { details, problems } = checkPrechat(this.fields, this.values);
    this.problems = problems;
    if (Object.keys(problems).length === 0) {
      this.dispatchEvent(new CustomEvent<SessionDetails>('bridge-chat-prechat-submit', { detail: details }));
      return;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  #edit(field: PrechatField, event: InputEvent): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.values = { ...this.values, [field.name]: value };
    if (this.#attempted) this.problems = { ...this.problems, [field.name]: checkPrechatField(field, value) };
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`
      <form
        part="prechat"
        novalidate
        aria-labelledby="prechat-title"
        aria-describedby="prechat-intro"
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${this.#submit}
      >
        <h3 id="prechat-title">${t('prechatTitle')}</h3>
        <p id="prechat-intro" class="intro">${t('prechatIntro')}</p>
        ${this.fields.map((field) => this.#renderField(field))}
        <button part="prechat-submit" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('startChat')}
        </button>
      </form>
    `;
  }

  #renderField(field: PrechatField): TemplateResult {
    const { t } = this;
    const id = `prechat-${field.name}`;
    const problem = this.problems[field.name];
    const errorId = problem ? `${id}-error` : undefined;
    const value = this.values[field.name] ?? '';
    const invalid = problem ? 'true' : 'false';
    const onInput = (event: InputEvent) => this.#edit(field, event);
    const control =
      field.name === 'message'
        ? html`<textarea
            id=${id}
            part="prechat-input"
            name=${field.name}
            rows="3"
            ?required=${field.required}
            aria-invalid=${invalid}
            aria-describedby=${ifDefined(errorId)}
            .value=${live(value)}
            @input=${onInput}
          ></textarea>`
        : html`<input
            id=${id}
            part="prechat-input"
            name=${field.name}
            type=${field.name === 'email' ? 'email' : 'text'}
            autocomplete=${field.name}
            spellcheck=${field.name === 'email' ? 'false' : 'true'}
            ?required=${field.required}
            aria-invalid=${invalid}
            aria-describedby=${ifDefined(errorId)}
            .value=${live(value)}
            @input=${onInput}
          />`;
    return html`
      <div class="field">
        <label for=${id}>
          ${t(labels[field.name])}${field.required ? nothing : html` <span class="optional">(${t('optional')})</span>`}
        </label>
        ${control}
        ${problem ? html`<p id=${ifDefined(errorId)} class="error" part="prechat-error">${t(problem)}</p>` : nothing}
      </div>
    `;
  }
}
