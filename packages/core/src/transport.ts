import createClient, { type Middleware } from "openapi-fetch";
import { createAuth, type AuthOptions, type AuthScheme } from "./auth/index.ts";
import type { EnvelopeDefinition, OperationDefinition, ProviderDefinition } from "./definition.ts";
import { isEnvelopeSuccess, readFailure } from "./envelope.ts";
import { classifyFetchFailure, errorForStatus, retryableCode } from "./classify.ts";
import { OdemeError, type ErrorCode } from "./errors.ts";
import { parseJsonLossless, RawNumber, stringifyWithRawNumbers, visitPath } from "./json.ts";
import { clip, redact as redactWith, redactFormText as redactFormWith, redactHeaders as redactHeadersWith, secretFieldSet } from "./redact.ts";
import { formatWireAmount, WireMoneyError } from "./wire-money.ts";

/** What a request or response looked like, with every secret masked. */
export type LogEvent =
  | { type: "request"; provider: string; operation: string; method: string; url: string; headers: Record<string, string>; body?: unknown; attempt: number }
  | { type: "response"; provider: string; operation: string; status: number; durationMs: number; body?: unknown; attempt: number }
  | { type: "error"; provider: string; operation: string; code: ErrorCode; message: string; durationMs: number; attempt: number };

/** Options every generated client accepts besides its credentials. */
export interface TransportOptions<Env extends string = string> {
  /** Which of the provider's environments to call (e.g. "sandbox", "live"). */
  environment?: Env;
  /** Overrides the environment's hosts: one URL for all (a simulator), or one per host name. */
  baseUrl?: string | Record<string, string>;
  /** A WHATWG fetch; defaults to the global one. Tests inject one to see every byte. */
  fetch?: (request: Request) => Promise<Response>;
  /** Per-request time limit, including reading the body. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries for read-only operations after a network error, timeout, 429 or 503. Default 2. Writes are never retried. */
  maxRetries?: number;
  /** Receives each request and response with keys, passwords, card numbers and CVV masked. */
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
}

export interface Transport {
  readonly provider: ProviderDefinition;
  call<T>(op: OperationDefinition, input: CallInput, options?: CallOptions): Promise<T>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const noPublishedHosts = (name: string) =>
  `${name} publishes no API hosts (the spec's are placeholders), so the client has no environment; pass baseUrl: the URL ${name} gave you, or a simulator's.`;

function resolveHosts(provider: ProviderDefinition, options: TransportOptions): (host: string) => string {
  const { baseUrl } = options;
  if (typeof baseUrl === "string") return () => baseUrl.replace(/\/+$/, "");
  const envName = options.environment ?? provider.defaultEnvironment;
  const env = envName === undefined ? undefined : provider.environments[envName];
  if (envName !== undefined && env === undefined) {
    throw new OdemeError({
      code: "invalid_request",
      message:
        Object.keys(provider.environments).length === 0
          ? `${provider.name}: there is no environment "${envName}". ${noPublishedHosts(provider.name)}`
          : `${provider.name}: unknown environment "${envName}"; use one of ${Object.keys(provider.environments).join(", ")}, or pass baseUrl.`,
      provider: provider.id,
      operation: "createClient",
      outcome: "not_sent",
      field: Object.keys(provider.environments).length === 0 ? "baseUrl" : "environment",
    });
  }
  // No silent default where one would surprise: a provider whose hosts nobody published has no
  // environment at all, and one whose only environment is live must be asked for by name, so a
  // copied example never reaches production or a placeholder host.
  if (baseUrl === undefined && envName === undefined) {
    const names = Object.keys(provider.environments);
    throw new OdemeError({
      code: "invalid_request",
      message:
        names.length === 0
          ? `${provider.name}: baseUrl is required. ${noPublishedHosts(provider.name)}`
          : names.length === 1 && names[0] === "live"
            ? `${provider.name}: pass environment: "live" or baseUrl. Its only environment is live (real money), so the client will not pick it for you; use baseUrl for a simulator.`
            : `${provider.name}: no environment or baseUrl was given; pass environment (${names.join(", ")}) or baseUrl.`,
      provider: provider.id,
      operation: "createClient",
      outcome: "not_sent",
      field: names.length === 0 ? "baseUrl" : "environment",
    });
  }
  return (host) => {
    const url = baseUrl?.[host] ?? env?.[host];
    if (url === undefined) {
      throw new OdemeError({
        code: "invalid_request",
        message:
          envName === undefined
            ? `${provider.name}: baseUrl has no "${host}" host; pass baseUrl.${host}, or one URL for every host.`
            : `${provider.name}: environment "${envName}" has no "${host}" host; pass baseUrl.${host}.`,
        provider: provider.id,
        operation: "createClient",
        outcome: "not_sent",
        field: "baseUrl",
      });
    }
    return url.replace(/\/+$/, "");
  };
}

export function createTransport(provider: ProviderDefinition, clientOptions: TransportOptions & { randomKey?: () => string }): Transport {
  // Credentials are named by the auth scheme (apiKey, merchantKey, clientId...), see specs/README.md.
  const options = clientOptions as TransportOptions & AuthOptions;
  // This provider's own secret field names, so one client's list never masks another's fields.
  const secrets = secretFieldSet(provider.secretFields);
  const redact = (v: unknown) => redactWith(v, secrets);
  const redactFormText = (t: string) => redactFormWith(t, secrets);
  const redactHeaders = (h: Record<string, string>) => redactHeadersWith(h, secrets);
  const hostUrl = resolveHosts(provider, options);
  const doFetch = options.fetch ?? ((req: Request) => globalThis.fetch(req));
  const timeoutDefault = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? 2;
  const log = options.logger;

  const auth: AuthScheme = createAuth(provider, options, (url, form) => fetchToken(url, form), hostUrl);

  const client = createClient<Record<string, never>>({ fetch: (req: Request) => doFetch(req) });

  async function fetchToken(url: string, form: URLSearchParams) {
    // Host and path name the token endpoint as the auth definition does, so `interpret` knows it.
    const tokenAt = provider.auth.scheme === "oauth2-client-credentials" ? provider.auth : { tokenHost: "", tokenPath: new URL(url).pathname };
    // RFC 6749 5.2: a wrong client id/secret or scope answers 400 `{error: "invalid_client"}`; that is
    // a credentials problem (authentication), not a bad request the caller could fix in its input.
    const errors: Record<string, ErrorCode> = { invalid_client: "authentication", unauthorized_client: "authentication", invalid_grant: "authentication", invalid_scope: "authentication" };
    const op: OperationDefinition = { id: "token", method: "post", path: tokenAt.tokenPath, host: tokenAt.tokenHost, safe: false, body: "form", errors };
    const res = await sendOnce(op, url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form.toString() }, {}, 1);
    const token = res as { access_token?: unknown; expires_in?: unknown };
    if (typeof token?.access_token !== "string") {
      throw new OdemeError({ code: "authentication", message: `${provider.name}: the token endpoint answered without an access_token.`, provider: provider.id, operation: "token", outcome: "rejected", raw: res });
    }
    return { access_token: token.access_token, expires_in: typeof token.expires_in === "number" ? token.expires_in : undefined };
  }

  /** Token requests bypass openapi-fetch: they are not operations of the spec's paths. */
  async function sendOnce(op: OperationDefinition, url: string, init: RequestInit, callOptions: CallOptions, attempt: number): Promise<unknown> {
    const { signal, timedOut, dispose } = timeoutSignal(callOptions, timeoutDefault);
    const started = performance.now();
    try {
      log?.({ type: "request", provider: provider.id, operation: op.id, method: String(init.method), url, headers: redactHeaders(init.headers as Record<string, string>), body: redactFormText(String(init.body ?? "")), attempt });
      const { response, text } = await untilAborted(
        doFetch(new Request(url, { ...init, signal })).then(async (response) => ({ response, text: await response.text() })),
        signal,
      );
      return interpret(op, response.status, text, response.headers.get("content-type"), started, attempt);
    } catch (e) {
      throw toError(op, e, timedOut(), callOptions.signal?.aborted ?? false, started, attempt);
    } finally {
      dispose();
    }
  }

  function prepareBody(op: OperationDefinition, input: unknown): { text?: string; logged?: unknown } {
    if (op.body === "none" || input === undefined) return {};
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      throw invalid(op, "body", `${provider.name} ${op.id}: the request body must be an object.`);
    }
    const body = structuredClone(input) as Record<string, unknown>;
    for (const path of op.money ?? []) {
      visitPath(body, path, (holder, key, concrete) => {
        const v = holder[key];
        if (v === undefined || v === null) return;
        try {
          const literal = formatWireAmount(v, provider.money);
          holder[key] = provider.money.wire === "number" ? new RawNumber(literal) : literal;
        } catch (e) {
          if (e instanceof WireMoneyError) throw invalid(op, concrete, `${provider.name} ${op.id}: ${concrete} ${e.message}.`);
          throw e;
        }
      });
    }
    auth.prepareBody?.(op, body);
    if (op.body === "form") {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) if (v !== undefined && v !== null) form.set(k, String(v));
      return { text: form.toString(), logged: redactFormText(form.toString()) };
    }
    return { text: stringifyWithRawNumbers(body), logged: redact(JSON.parse(stringifyWithRawNumbers(body))) };
  }

  function invalid(op: OperationDefinition, field: string, message: string): OdemeError {
    return new OdemeError({ code: "invalid_request", message, provider: provider.id, operation: op.id, outcome: "not_sent", field });
  }

  /**
   * The OAuth2 token endpoint (IdentityServer) answers plain OAuth JSON (RFC 6749 5.1/5.2), not the
   * provider's API envelope: judging `{access_token}` by e.g. Sipay's `status: 0` rule failed every token.
   */
  function envelopeOf(op: OperationDefinition): EnvelopeDefinition {
    const auth = provider.auth;
    const isToken = auth.scheme === "oauth2-client-credentials" && op.host === auth.tokenHost && op.path === auth.tokenPath;
    return isToken ? { code: "error", message: "error_description" } : provider.envelope;
  }

  function interpret(op: OperationDefinition, status: number, text: string, contentType: string | null, started: number, attempt: number): unknown {
    const durationMs = Math.round(performance.now() - started);
    const envelope = envelopeOf(op);
    let body: unknown;
    let parsed = false;
    if (text.trim() !== "") {
      try {
        body = parseJsonLossless(text);
        parsed = true;
      } catch {
        body = undefined;
      }
    }
    log?.({ type: "response", provider: provider.id, operation: op.id, status, durationMs, body: parsed ? redact(body) : clip(text, 200, secrets), attempt });
    const ok = status >= 200 && status < 300;
    if (ok && !parsed) {
      // The provider answered 2xx but we cannot read it: a write may well have been applied.
      throw new OdemeError({
        code: op.safe ? "malformed_response" : "outcome_unknown",
        message: op.safe
          ? `${provider.name} ${op.id}: the response (HTTP ${status}${contentType ? `, ${contentType}` : ""}) is not valid JSON.`
          : `${provider.name} ${op.id}: the response (HTTP ${status}) is not valid JSON, so whether the operation was applied is unknown. Look it up before retrying.`,
        provider: provider.id,
        operation: op.id,
        outcome: op.safe ? "rejected" : "unknown",
        retryable: op.safe,
        status,
        raw: clip(text, 500, secrets),
      });
    }
    if (ok && isEnvelopeSuccess(envelope, body)) {
      for (const path of op.bigint ?? []) {
        visitPath(body, path, (holder, key) => {
          if (typeof holder[key] === "number") holder[key] = String(holder[key]);
        });
      }
      return body;
    }
    const failure = parsed ? readFailure(envelope, body) : {};
    const mapped = failure.code === undefined ? undefined : (op.errors?.[failure.code] ?? provider.errors[failure.code]);
    const byStatus = errorForStatus(status, op.safe);
    const code: ErrorCode = mapped ?? (ok ? "provider_error" : parsed && failure.code !== undefined ? (byStatus.code === "outcome_unknown" ? "provider_error" : byStatus.code) : byStatus.code);
    const outcome = code === "outcome_unknown" ? "unknown" : "rejected";
    const detail = failure.message ?? (parsed ? undefined : clip(text.trim(), 120, secrets));
    const fieldHint = failure.fieldErrors?.length ? ` (${failure.fieldErrors.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ")})` : "";
    throw new OdemeError({
      code,
      message:
        `${provider.name} ${op.id} failed: ${code}` +
        (failure.code !== undefined ? ` [provider code ${failure.code}]` : "") +
        (detail ? ` ${detail}` : ` HTTP ${status}`) +
        fieldHint +
        (outcome === "unknown" ? ". The operation may have been applied: look it up before retrying." : ""),
      provider: provider.id,
      operation: op.id,
      outcome,
      retryable: retryableCode(code),
      status,
      ...(failure.code !== undefined ? { providerCode: failure.code } : {}),
      ...(failure.message !== undefined ? { providerMessage: failure.message } : {}),
      ...(failure.group !== undefined ? { providerGroup: failure.group } : {}),
      ...(failure.fieldErrors ? { fieldErrors: failure.fieldErrors, field: failure.fieldErrors[0]?.field } : {}),
      raw: parsed ? redact(body) : clip(text, 500, secrets),
    });
  }

  function toError(op: OperationDefinition, e: unknown, timedOut: boolean, callerAborted: boolean, started: number, attempt: number): OdemeError {
    if (e instanceof OdemeError) return e;
    const err = classifyFetchFailure(provider, op, e, { timedOut, callerAborted });
    log?.({ type: "error", provider: provider.id, operation: op.id, code: err.code, message: err.message, durationMs: Math.round(performance.now() - started), attempt });
    return err;
  }

  async function callOnce<T>(op: OperationDefinition, input: CallInput, callOptions: CallOptions, attempt: number): Promise<T> {
    const prepared = prepareBody(op, input.body);
    const { signal, timedOut, dispose } = timeoutSignal(callOptions, timeoutDefault);
    const started = performance.now();
    const baseUrl = hostUrl(op.host);
    if (callOptions.signal?.aborted) {
      dispose();
      throw new OdemeError({ code: "aborted", message: `${provider.name} ${op.id} was not sent: the caller's signal was already aborted.`, provider: provider.id, operation: op.id, outcome: "not_sent" });
    }
    // Per-call middleware: signs the Request openapi-fetch built (so the signature covers the
    // exact bytes sent) and keeps the raw response text (so no id is rounded by JSON.parse).
    const seen: { auth: Record<string, string>; text?: string } = { auth: {} };
    const middleware: Middleware = {
      async onRequest({ request }) {
        if (!auth.headers) return undefined;
        const body = request.body ? await request.clone().text() : "";
        seen.auth = await auth.headers(op, { uriPath: new URL(request.url).pathname, body });
        for (const [k, v] of Object.entries(seen.auth)) request.headers.set(k, v);
        return request;
      },
      async onResponse({ response }) {
        seen.text = await response.clone().text();
        return undefined;
      },
    };
    try {
      const headerParams = Object.fromEntries(
        Object.entries(input.header ?? {})
          .filter(([, v]) => v !== undefined && v !== null)
          .map(([k, v]) => [k, String(v)]),
      );
      const contentType = op.body === "form" ? "application/x-www-form-urlencoded" : "application/json";
      log?.({ type: "request", provider: provider.id, operation: op.id, method: op.method.toUpperCase(), url: baseUrl + op.path, headers: redactHeaders(headerParams), body: prepared.logged, attempt });
      const { response } = await untilAborted(client.request(op.method, op.path as never, {
        baseUrl,
        signal,
        parseAs: "text",
        middleware: [middleware],
        headers: { accept: "application/json", ...(prepared.text !== undefined ? { "content-type": contentType } : {}), ...headerParams },
        params: { query: input.query },
        ...(prepared.text !== undefined ? { body: prepared.text, bodySerializer: (b: unknown) => b } : {}),
      } as never) as Promise<{ response: Response }>, signal);
      if (response.status === 401 && attempt === 1 && auth.onUnauthorized?.(seen.auth)) {
        // An expired or revoked token: refresh once and retry once; a second 401 is final.
        dispose();
        return await callOnce<T>(op, input, callOptions, attempt + 1);
      }
      return interpret(op, response.status, seen.text ?? "", response.headers.get("content-type"), started, attempt) as T;
    } catch (e) {
      throw toError(op, e, timedOut(), callOptions.signal?.aborted ?? false, started, attempt);
    } finally {
      dispose();
    }
  }

  return {
    provider,
    async call<T>(op: OperationDefinition, input: CallInput, callOptions: CallOptions = {}): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await callOnce<T>(op, input, callOptions, 1);
        } catch (e) {
          const retry = op.safe && e instanceof OdemeError && e.retryable && attempt < maxRetries && !callOptions.signal?.aborted;
          if (!retry) throw e;
          await sleep(Math.min(2_000, 100 * 2 ** attempt) * (0.75 + Math.random() * 0.25));
        }
      }
    },
  };
}

/**
 * Settles with `work`, or rejects with the signal's reason as soon as it aborts: the time limit and
 * the caller's signal hold even with an injected fetch (or a body stream) that ignores the signal.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function timeoutSignal(options: CallOptions, defaultMs: number) {
  const controller = new AbortController();
  const ms = options.timeoutMs ?? defaultMs;
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError"));
  }, ms);
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  return { signal, timedOut: () => fired, dispose: () => clearTimeout(timer) };
}
