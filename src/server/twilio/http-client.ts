import twilio from 'twilio';
import { isRetryable, type Outcome, type RetryPolicy, retryDelayMs } from './retry-policy.js';

type RequestClientOptions = NonNullable<ConstructorParameters<typeof twilio.RequestClient>[0]>;
type RequestOptions<TData> = Parameters<twilio.RequestClient['request']>[0] & { data?: TData };
type Response<TData> = Awaited<ReturnType<twilio.RequestClient['request']>> & { body: TData };

export interface TwilioHttpClientOptions extends RequestClientOptions {
  /** Where each Twilio URL is really sent (the emulator's routing rule); unchanged when absent. */
  rewriteUrl?: (twilioUrl: string) => string;
  /** Retries 429/503 answers and unsent requests; none when absent. */
  retry?: RetryPolicy;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The `twilio` package's own HTTP client, used for real Twilio and the
 * emulator alike, plus two things: an optional URL rewrite and bounded
 * retries. Each attempt's timeout is cut to what is left of the budget, so a
 * call never outlasts `retry.budgetMs`.
 */
export class TwilioHttpClient extends twilio.RequestClient {
  readonly #rewriteUrl: ((twilioUrl: string) => string) | undefined;
  readonly #retry: RetryPolicy | undefined;

  constructor({ rewriteUrl, retry, ...options }: TwilioHttpClientOptions = {}) {
    super(options);
    this.#rewriteUrl = rewriteUrl;
    this.#retry = retry;
  }

  override async request<TData>(opts: RequestOptions<TData>): Promise<Response<TData>> {
    const request = { ...opts, uri: this.#rewriteUrl ? this.#rewriteUrl(opts.uri) : opts.uri };
    const policy = this.#retry;
    if (!policy) return super.request<TData>(request);

    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      const left = policy.budgetMs - (Date.now() - started);
      const timeout = Math.max(1, Math.min(opts.timeout ?? this.defaultTimeout, left));
      let outcome: Outcome;
      let giveUp: () => Response<TData>;
      try {
        const response = await super.request<TData>({ ...request, timeout });
        outcome = { status: response.statusCode, retryAfter: headerValue(response.headers, 'retry-after') };
        if (!isRetryable(opts.method, outcome)) return response;
        giveUp = () => response; // the last 429/503 goes up as Twilio's own answer
      } catch (error) {
        outcome = { errorCode: (error as { code?: string }).code };
        giveUp = () => {
          throw error;
        };
      }
      if (attempt >= policy.maxAttempts || !isRetryable(opts.method, outcome)) return giveUp();
      const delay = retryDelayMs(policy, attempt, 'retryAfter' in outcome ? outcome.retryAfter : undefined, Date.now());
      if (Date.now() - started + delay >= policy.budgetMs) return giveUp();
      await sleep(delay);
    }
  }
}

function headerValue(headers: unknown, name: string): string | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return value === undefined || value === null ? undefined : String(value);
}
