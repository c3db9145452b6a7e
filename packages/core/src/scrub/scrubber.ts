/**
 * One scrubber per client (and one for the facade): the stateless patterns of text.ts plus the
 * values this client was configured with, what its auth scheme derives from them, and what it
 * learns at run time (the bearer token, a signed header: values no configuration
 * names). Everything that leaves a client goes through it: log events, errors and their causes.
 */
import type { AnyAuthSchemeRuntime } from "../auth/scheme.ts";
import type { ProviderDefinition } from "../definition.ts";
import { OdemeError, odemeErrorInit } from "../errors.ts";
import { isSecretKey, NO_FIELDS, secretFieldSet, type SecretFields } from "./fields.ts";
import { KnownSecrets } from "./known-values.ts";
import { authValuePattern, clip as clipWith, maskDeep, maskError, maskForm, maskHeaders, maskPatterns } from "./text.ts";

export interface ScrubberOptions {
  /** Secret values: credentials as configured. Non-strings and values under 6 characters are ignored. */
  secrets?: Iterable<unknown>;
  /** Field names masked wherever they appear as keys (a spec's sensitive fields). */
  fields?: SecretFields | Iterable<string>;
  /** Text known to be public (host names): pieces of a secret that also occur here are not masked. */
  publicText?: Iterable<string>;
  /** Authorization-value prefixes of the auth schemes in use (`AuthSchemeModule.authValuePrefixes`), besides HTTP's Basic and Bearer. */
  authPrefixes?: Iterable<string>;
}

export interface Scrubber {
  /** Free text with every known secret, piece of one, and secret pattern masked. */
  text(text: string): string;
  /** A deep copy with sensitive fields and every string masked. */
  value<T>(value: T): T;
  headers(headers: Headers | Record<string, string>): Record<string, string>;
  form(text: string): string;
  /** Masks, then cuts to `max` characters. */
  clip(text: string, max: number): string;
  /** The same error with everything masked: an OdemeError stays one (its cause chain masked too). */
  error<E>(error: E): E;
  /** Remembers a value seen at run time as secret (an Authorization header, a token). */
  learn(value: string): void;
  /** Learns the secret headers and body fields of a request about to be sent (the transport's observe hook). */
  learnRequest(headers: Record<string, string>, body: string | undefined): void;
  readonly fields: SecretFields;
}

const MAX_CAUSES = 8;
/** The text an OdemeError carries (besides `field`, a name the caller gave). */
const TEXT_FIELDS = ["message", "provider", "operation", "providerCode", "providerMessage", "providerGroup"] as const;

export function createScrubber(options: ScrubberOptions = {}): Scrubber {
  const fields: SecretFields =
    options.fields === undefined
      ? NO_FIELDS
      : options.fields instanceof Set
        ? (options.fields as SecretFields)
        : secretFieldSet(options.fields);
  const known = new KnownSecrets(
    [...(options.secrets ?? [])].filter((s): s is string => typeof s === "string"),
    options.publicText ?? [],
  );
  const authValue = authValuePattern(options.authPrefixes);
  // Requests seen on the way out, learnt only when something is masked: a client without a logger
  // that never fails pays one array push per request, not the parsing and indexing.
  const unread: [Record<string, string>, string | undefined][] = [];
  const catchUp = () => {
    for (const [headers, body] of unread.splice(0)) readRequest(headers, body);
  };
  const text = (s: string): string => {
    if (unread.length > 0) catchUp();
    return maskPatterns(known.mask(s), fields, authValue);
  };
  const value = <T>(v: T): T => maskDeep(v, { fields, text: (s) => text(s) }) as T;

  function learn(v: string): void {
    // `Bearer <token>`, `<Scheme> <b64>`: the credential may be echoed without its scheme, and
    // the scheme's name is no secret.
    const m = /^\s*[A-Za-z][\w-]*\s+(\S{8,})\s*$/.exec(v);
    known.learn(m?.[1] ?? v);
  }

  function learnFields(body: unknown, depth = 0): void {
    if (depth > 8 || body === null || typeof body !== "object") return;
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === "string" && isSecretKey(k, fields)) learn(v);
      else learnFields(v, depth + 1);
    }
  }

  function error<E>(e: E, depth = 0): E {
    if (depth >= MAX_CAUSES) return "[cause chain too deep]" as E;
    if (e instanceof OdemeError) {
      const init = odemeErrorInit(e);
      for (const k of TEXT_FIELDS) if (init[k] !== undefined) init[k] = text(init[k] as string);
      if (init.fieldErrors !== undefined) init.fieldErrors = value(init.fieldErrors);
      if (init.raw !== undefined) init.raw = value(init.raw);
      if (init.cause !== undefined) init.cause = error(init.cause, depth + 1);
      const copy = new OdemeError(init);
      // Keep the original frames (where it failed), with the header line masked like the message.
      if (typeof e.stack === "string") Object.defineProperty(copy, "stack", { value: text(e.stack), writable: true, configurable: true });
      return copy as E;
    }
    if (e instanceof Error) return maskError(e, text, value, (c) => error(c, depth + 1)) as E;
    return value(e);
  }

  function learnRequest(headers: Record<string, string>, body: string | undefined): void {
    unread.push([headers, body]);
    // Only the newest are kept learnt anyway (KnownSecrets keeps 256).
    if (unread.length > 256) unread.shift();
  }

  function readRequest(headers: Record<string, string>, body: string | undefined): void {
    for (const [k, v] of Object.entries(headers)) if (isSecretKey(k, fields)) learn(v);
    if (body === undefined || body === "") return;
    const type = Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
    try {
      learnFields(type.includes("x-www-form-urlencoded") ? Object.fromEntries(new URLSearchParams(body)) : JSON.parse(body));
    } catch {
      // Not JSON: nothing named to learn; the patterns still mask it.
    }
  }

  return {
    fields,
    text,
    value,
    headers: (h) => maskHeaders(h, fields, text),
    form: (t) => maskForm(t, fields, text),
    clip: (t, max) => clipWith(t, max, text),
    error: (e) => error(e),
    learn,
    learnRequest,
  };
}

/**
 * Everything a definition says is public: its host URLs, name, token path, and the names of its
 * credential options, header and sensitive fields (so "check merchantKey and password" stays
 * readable even when a test credential is "dinero-password").
 */
function publicTextOf(definition: ProviderDefinition, scheme: AnyAuthSchemeRuntime): string[] {
  const out = [definition.id, definition.name, ...(definition.credentials ?? []), ...definition.secretFields];
  for (const env of Object.values(definition.environments)) out.push(...Object.values(env));
  // What the scheme's definition names in public (header names, a token path).
  out.push(...(scheme.publicText?.(definition.auth as never) ?? []));
  return out;
}

/** Credential values a client was given, by the option names its definition lists. */
/**
 * The credential values of one client: the options its auth scheme names (and any the definition
 * adds), and what the scheme sends in their place. The scheme module is passed in, not looked up,
 * so a client's bundle holds only its own scheme.
 */
export function credentialValues(definition: ProviderDefinition, options: Record<string, unknown>, scheme: AnyAuthSchemeRuntime): string[] {
  const names = new Set([...scheme.credentials(definition.auth as never), ...(definition.credentials ?? [])]);
  const values = [...names].map((n) => options[n]).filter((v): v is string => typeof v === "string");
  // What the auth scheme sends instead of the values themselves (HTTP Basic encodes the pair).
  return [...values, ...(scheme.derivedSecrets?.(definition.auth as never, options) ?? [])];
}

/**
 * The scrubber of the clients given (one provider's client, or every provider of the facade):
 * their specs' sensitive fields and their configured credentials.
 */
export function scrubberFor(
  ...clients: [definition: ProviderDefinition, options: Record<string, unknown>, scheme: AnyAuthSchemeRuntime][]
): Scrubber {
  return createScrubber({
    secrets: clients.flatMap(([definition, options, scheme]) => credentialValues(definition, options, scheme)),
    fields: clients.flatMap(([definition]) => definition.secretFields),
    publicText: clients.flatMap(([definition, , scheme]) => publicTextOf(definition, scheme)),
    authPrefixes: clients.flatMap(([, , scheme]) => scheme.authValuePrefixes ?? []),
  });
}
