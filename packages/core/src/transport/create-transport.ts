import type { AnyAuthSchemeRuntime, AuthOptions, AuthScheme, HmacSha256Factory } from "../auth/scheme.ts";
import { webHmacSha256 } from "../crypto-web.ts";
import { classifyFetchFailure } from "../classify.ts";
import type { OperationDefinition, ProviderDefinition } from "../definition.ts";
import { invalidRequest, OdemeError, type ErrorCode } from "../errors.ts";
import { scrubberFor } from "../scrub/scrubber.ts";
import { parseJsonLossless } from "../json.ts";
import { sleep, startDeadline, untilAborted } from "./abort.ts";
import { signRequest } from "./auth.ts";
import { prepareBody, type PreparedBody } from "./body.ts";
import { resolveHosts } from "./hosts.ts";
import { expandPath } from "./path.ts";
import { LIMITS, outboundOf, type Outbound } from "./outbound.ts";
import { interpret, parseBody, verifyResponseSignature } from "./response.ts";
import { retryStep } from "./retry.ts";
import { fetchSender, NotSent, type FetchLike, type Sender, type WireRequest, type WireResponse } from "./send.ts";

/** What a request or response looked like, with every secret masked. */
export type LogEvent =
  | {
      type: "request";
      provider: string;
      operation: string;
      method: string;
      url: string;
      headers: Record<string, string>;
      body?: unknown;
      attempt: number;
    }
  | { type: "response"; provider: string; operation: string; status: number; durationMs: number; body?: unknown; attempt: number }
  | { type: "error"; provider: string; operation: string; code: ErrorCode; message: string; durationMs: number; attempt: number };

/** Options every generated client accepts besides its credentials. */
export interface TransportOptions<Env extends string = string> {
  /** Which of the provider's environments to call (e.g. "sandbox", "live"). */
  environment?: Env;
  /** Overrides the environment's hosts: one URL for all (a simulator), or one per host name. */
  baseUrl?: string | Record<string, string>;
  /** A WHATWG fetch; always used when given. Without it: Node's own HTTP client on Node, the global fetch elsewhere. Tests inject one to see every byte. */
  fetch?: FetchLike;
  /** Per-request time limit, including reading the body. Default 30 000 ms. */
  timeoutMs?: number;
  /**
   * Retries for read-only operations after a network error, a timeout, 429 or a 5xx. Default 2.
   * Writes are not retried; only a 401 (which applies nothing) is sent once more with fresh credentials.
   */
  maxRetries?: number;
  /** Receives each request and response with keys, passwords, card numbers and CVV masked. A throw or a rejected promise from it is ignored: logging never changes a call's outcome. */
  logger?: (event: LogEvent) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CallInput {
  body?: unknown;
  header?: Record<string, unknown>;
  query?: Record<string, unknown>;
  /** Values of the operation's `{name}` path placeholders (`OperationDefinition.pathParams`). */
  path?: Record<string, unknown>;
}

export interface Transport {
  readonly provider: ProviderDefinition;
  call<T>(op: OperationDefinition, input: CallInput, options?: CallOptions): Promise<T>;
}

/** What a runtime entry point (index.node.ts) puts in: the sender used when no `fetch` is injected, and its HMAC. */
export interface TransportDefaults {
  sender?: () => Sender;
  hmacSha256?: HmacSha256Factory;
  /**
   * Sees each signed request and each response as sent and read (a test, a benchmark), after the
   * client's scrubber has learnt the request's derived secrets, without replacing the sender or cloning.
   */
  observe?: {
    request?(request: WireRequest, op: OperationDefinition): void;
    response?(response: WireResponse, op: OperationDefinition): void;
  };
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The stages of one call, in order: body (serialize once) -> hosts (URL) -> per attempt: auth
 * (sign those bytes) -> send (one path for operations and token requests) -> response (read and
 * parse once, interpret, verify the provider's signature where it signs) -> retry policy. Logging and masking run only when a logger is set.
 */
export function createTransport(
  provider: ProviderDefinition,
  clientOptions: TransportOptions & { randomKey?: () => string },
  scheme: AnyAuthSchemeRuntime,
  defaults: TransportDefaults = {},
): Transport {
  // The stages mask by field name and pattern before they cut; only this client's scrubber knows
  // its configured credentials and what the scheme signed from them (learnt as each request goes
  // out), so it masks log events and errors once more on their way out, whole values and any
  // 8-character piece of them.
  const secretFields = [...provider.secretFields, ...scheme.secretNames(provider.auth as never)];
  const scrubber = scrubberFor([{ ...provider, secretFields }, clientOptions as TransportOptions & Record<string, unknown>, scheme]);
  const { logger } = clientOptions;
  let inner: Transport;
  try {
    inner = createStages(
      provider,
      { ...clientOptions, ...(logger ? { logger: guardedLogger(logger, (event) => scrubber.value(event)) } : {}) },
      scheme,
      outboundOf(scrubber),
      defaults,
    );
  } catch (error) {
    throw scrubber.error(error);
  }
  const scrubbed = (error: unknown): never => {
    throw scrubber.error(error);
  };
  return {
    provider: inner.provider,
    // No second async frame per call: the inner call's promise, its failure masked on the way out.
    call: <T>(op: OperationDefinition, input: CallInput, callOptions?: CallOptions) =>
      inner.call<T>(op, input, callOptions).catch(scrubbed),
  };
}

function createStages(
  provider: ProviderDefinition,
  clientOptions: TransportOptions & { randomKey?: () => string },
  scheme: AnyAuthSchemeRuntime,
  out: Outbound,
  defaults: TransportDefaults,
): Transport {
  // Credentials are named by the auth scheme (apiKey, merchantKey, clientId...), see specs/README.md.
  const options = clientOptions as TransportOptions & AuthOptions;
  if (scheme.scheme !== provider.auth.scheme)
    throw new TypeError(`${provider.name}: auth module ${scheme.scheme} does not match the definition's ${provider.auth.scheme}`);
  const hostUrl = resolveHosts(provider, options);
  const sender: Sender = options.fetch ? fetchSender(options.fetch) : (defaults.sender?.() ?? fetchSender());
  const timeoutDefault = checkedTimeout(provider, "createClient", options.timeoutMs, "timeoutMs") ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw invalidRequest(provider, "createClient", `${provider.name}: maxRetries must be a whole number, 0 or more.`, "maxRetries");
  const log = options.logger;
  const observe = defaults.observe;
  const auth: AuthScheme = scheme.create(provider.auth as never, {
    provider,
    options,
    // Token requests take the operations' one send path (sign, log, send, read, interpret).
    send: (op, wire) => exchange(op, wire, { headers: wire.headers }, {}, 1, {}),
    hostUrl,
    hmacSha256: defaults.hmacSha256 ?? webHmacSha256,
  });

  /**
   * One attempt: sign, send, read, interpret. `shown` is what the request log shows of it besides
   * the body (the caller's headers; the URL when a path value is masked). `used` receives the auth
   * headers it sent.
   */
  async function exchange(
    op: OperationDefinition,
    wire: WireRequest,
    shown: { headers: Record<string, string>; url?: string },
    callOptions: CallOptions,
    attempt: number,
    used: { auth?: Record<string, string> },
  ): Promise<unknown> {
    if (callOptions.signal?.aborted) throw abortedBeforeSending(op);
    used.auth = auth.waitsOnNetwork ? await signWithin(op, wire, callOptions) : await signRequest(provider, auth, out, op, wire);
    if (callOptions.signal?.aborted) throw abortedBeforeSending(op);
    // The time limit starts once the request is ready: a slow token request has its own.
    const deadline = startDeadline(callOptions.timeoutMs ?? timeoutDefault, callOptions.signal);
    const started = performance.now();
    try {
      // The scrubber learns what the scheme signed (an auth header) as it goes out.
      out.learn(wire.headers, wire.body);
      observe?.request?.(wire, op);
      if (log)
        log({
          type: "request",
          provider: provider.id,
          operation: op.id,
          method: wire.method,
          url: shown.url ?? (wire.url.split("?")[0] as string),
          headers: out.headers(shown.headers),
          body: loggedBody(op, wire.body),
          attempt,
        });
      let res;
      try {
        res = await sender(wire, deadline);
      } catch (e) {
        const err = sendFailure(op, e, deadline.timedOut(), callOptions.signal?.aborted ?? false);
        if (log)
          log({
            type: "error",
            provider: provider.id,
            operation: op.id,
            code: err.code,
            message: err.message,
            durationMs: Math.round(performance.now() - started),
            attempt,
          });
        throw err;
      }
      observe?.response?.(res, op);
      const read = parseBody(res.text);
      if (log)
        log({
          type: "response",
          provider: provider.id,
          operation: op.id,
          status: res.status,
          durationMs: Math.round(performance.now() - started),
          body: read.parsed ? out.value(read.body) : out.text(res.text, LIMITS.logBody),
          attempt,
        });
      const result = interpret(
        provider,
        out,
        op,
        res,
        read,
        op.envelope ?? scheme.envelopeFor?.(provider.auth as never, op) ?? provider.envelope,
      );
      await verifyResponseSignature(provider, out, op, auth, res.status, result);
      return result;
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Signing that may wait on a token request: the caller's signal and this call's time limit end
   * the wait (nothing of the operation was sent), while the shared token request goes on.
   */
  async function signWithin(op: OperationDefinition, wire: WireRequest, callOptions: CallOptions): Promise<Record<string, string>> {
    const wait = startDeadline(callOptions.timeoutMs ?? timeoutDefault, callOptions.signal);
    try {
      return await untilAborted(signRequest(provider, auth, out, op, wire), wait);
    } catch (e) {
      if (!wait.aborted || e !== wait.reason) throw e;
      if (!wait.timedOut()) throw abortedBeforeSending(op);
      throw new OdemeError({
        code: "timeout",
        message: `${provider.name} ${op.id} was not sent: its credentials (a token) were not ready within the time limit.`,
        provider: provider.id,
        operation: op.id,
        outcome: "not_sent",
        retryable: true,
      });
    } finally {
      wait.dispose();
    }
  }

  /** The caller gave up before this attempt's request left: nothing of it was sent. */
  function abortedBeforeSending(op: OperationDefinition): OdemeError {
    return new OdemeError({
      code: "aborted",
      message: `${provider.name} ${op.id} was not sent: the caller's signal was aborted.`,
      provider: provider.id,
      operation: op.id,
      outcome: "not_sent",
    });
  }

  function loggedBody(op: OperationDefinition, text: string | undefined): unknown {
    if (text === undefined) return op.body === "form" ? "" : undefined;
    if (op.body === "form") return out.form(text);
    try {
      return out.value(parseJsonLossless(text));
    } catch {
      return out.text(text, LIMITS.logBody);
    }
  }

  function sendFailure(op: OperationDefinition, e: unknown, timedOut: boolean, callerAborted: boolean): OdemeError {
    if (e instanceof OdemeError) return e;
    if (e instanceof NotSent) {
      // The request could not even be built (a header value with a line break, a bad URL).
      return invalidRequest(
        provider,
        op.id,
        `${provider.name} ${op.id} was not sent: the request could not be built (${out.text(e.message, LIMITS.message)}).`,
        undefined,
        e.cause,
      );
    }
    return classifyFetchFailure(provider, op, e, { timedOut, callerAborted });
  }

  /** Everything before the first attempt: input problems are `not_sent`, never "maybe applied". */
  function buildRequest(
    op: OperationDefinition,
    input: CallInput,
  ): { wire: WireRequest; shown: { headers: Record<string, string>; url?: string } } {
    const path = expandPath(provider, op, input.path);
    let body: PreparedBody;
    try {
      body = prepareBody(provider, op, input.body, auth);
    } catch (e) {
      if (e instanceof OdemeError) throw e;
      throw invalidRequest(
        provider,
        op.id,
        `${provider.name} ${op.id} was not sent: preparing the body failed (${out.text(e instanceof Error ? e.message : String(e), LIMITS.message)}).`,
        "body",
        e,
      );
    }
    // The operation's header parameters (an auth scheme's key headers are added when signing).
    const callerHeaders: Record<string, string> = {};
    if (input.header) {
      for (const k in input.header) {
        const v = input.header[k];
        if (v !== undefined && v !== null) callerHeaders[k.toLowerCase()] = String(v);
      }
    }
    const headers = body.contentType
      ? { accept: "application/json", "content-type": body.contentType, ...callerHeaders }
      : { accept: "application/json", ...callerHeaders };
    const url = hostUrl(op.host) + path + queryString(input.query);
    return {
      wire: { method: op.method.toUpperCase(), url, headers, ...(body.text !== undefined ? { body: body.text } : {}) },
      // The log drops the query; a path value under a secret-named parameter (a token) is masked whole.
      shown: {
        headers: callerHeaders,
        ...(log && op.pathParams?.some(out.secretName)
          ? { url: hostUrl(op.host) + expandPath(provider, op, input.path, out.secretName) }
          : {}),
      },
    };
  }

  return {
    provider,
    async call<T>(op: OperationDefinition, input: CallInput, callOptions: CallOptions = {}): Promise<T> {
      checkedTimeout(provider, op.id, callOptions.timeoutMs, "options.timeoutMs");
      const { wire, shown } = buildRequest(op, input);
      let retries = 0;
      let refreshed = false;
      for (let attempt = 1; ; attempt++) {
        const used: { auth?: Record<string, string> } = {};
        try {
          // A fresh header object per attempt: signing adds this attempt's headers to it.
          return (await exchange(op, { ...wire, headers: { ...wire.headers } }, shown, callOptions, attempt, used)) as T;
        } catch (e) {
          const step = retryStep({
            op,
            error: e,
            retries,
            maxRetries,
            refreshed,
            callerSignal: callOptions.signal,
            dropCredentials: () => auth.onUnauthorized?.(used.auth ?? {}) ?? false,
          });
          if (!step.retry) throw e;
          if (step.refreshCredentials) refreshed = true;
          else {
            retries++;
            await sleep(step.delayMs, callOptions.signal);
            // Only reads wait to be retried, so nothing the caller gave up on was changed.
            if (callOptions.signal?.aborted) {
              throw new OdemeError({
                code: "aborted",
                message: `${provider.name} ${op.id} was aborted by the caller while waiting to retry, after ${attempt} attempt${attempt === 1 ? "" : "s"} (the last: ${(e as OdemeError).code}).`,
                provider: provider.id,
                operation: op.id,
                outcome: "rejected",
                cause: e,
              });
            }
          }
        }
      }
    },
  };
}

/** Query parameters as openapi-fetch's default serializer writes them: form style, arrays repeated. */
function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const k in query) {
    const v = query[k];
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(item))}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/**
 * A time limit a timer can hold: NaN (`Number(process.env.UNSET)`), 0, a negative number or more
 * than a timer's 2^31 - 1 ms (which runtimes cut to 1 ms) would end every attempt at once, a
 * write's as "outcome unknown".
 */
function checkedTimeout(provider: ProviderDefinition, operation: string, ms: unknown, field: string): number | undefined {
  if (ms === undefined || (typeof ms === "number" && ms > 0 && ms <= MAX_TIMER_MS)) return ms;
  throw invalidRequest(
    provider,
    operation,
    `${provider.name}: ${field} must be a number of milliseconds from 1 to ${MAX_TIMER_MS} (about 24.8 days).`,
    field,
  );
}

const MAX_TIMER_MS = 2_147_483_647;

/**
 * The caller's logger, masked, and unable to change a call's outcome: a logger that throws (or an
 * async one that rejects) after a refund was applied would otherwise turn its result into a plain
 * Error, which reads as a failure and invites a second refund. Its failures are dropped.
 */
function guardedLogger(logger: (event: LogEvent) => void, mask: (event: LogEvent) => LogEvent): (event: LogEvent) => void {
  return (event) => {
    try {
      const returned: unknown = logger(mask(event));
      if (typeof (returned as PromiseLike<unknown> | undefined)?.then === "function")
        (returned as Promise<unknown>).then(undefined, () => {});
    } catch {
      // See above: logging is never worth a payment's outcome.
    }
  };
}
