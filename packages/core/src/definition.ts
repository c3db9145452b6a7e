import type { ErrorCode } from "./errors.ts";
import type { MoneyWireFormat } from "./wire-money.ts";

/** What a spec's `x-odeme-*` extensions say about a provider; emitted by the generator. */
export interface ProviderDefinition {
  id: string;
  name: string;
  /** environment -> host name -> base URL */
  environments: Record<string, Record<string, string>>;
  defaultEnvironment?: string;
  defaultHost: string;
  auth: AuthDefinition;
  envelope: EnvelopeDefinition;
  money: MoneyWireFormat;
  errors: Record<string, ErrorCode>;
  /**
   * Every field name masked in logs and errors: the spec's `x-odeme-sensitive` lists and
   * `x-odeme-secret` properties, lowercased-matched; `parent.name` entries match a name only
   * inside an object held at `parent`.
   */
  secretFields: string[];
  /** The same names by kind, as the spec declares them (`secretFields` is their union). */
  sensitiveFields?: SensitiveFields;
  /** The client options that hold credentials (their values are masked wherever they appear as text). */
  credentials?: string[];
}

/** What `x-odeme-sensitive` declares: credentials and keys, card data, personal data. */
export interface SensitiveFields {
  secret: string[];
  card: string[];
  personal: string[];
}

export type AuthDefinition =
  | { scheme: "iyzws-v2" }
  | { scheme: "headers"; sets: Record<string, Record<string, string>> }
  | { scheme: "akurateco-hash"; keyField: string; hashField: string }
  | { scheme: "basic" }
  | { scheme: "oauth2-client-credentials"; tokenHost: string; tokenPath: string; scope?: string };

export interface EnvelopeDefinition {
  /**
   * How a 2xx body says success: `equals` (success only when the field has this value) or
   * `notEquals` (success unless it has this value, for a provider whose successful answers differ
   * by operation but whose failure is one marker, e.g. DineroPay's void `status: "FAIL"`).
   */
  success?: { field: string; equals: string | number | boolean } | { field: string; notEquals: string | number | boolean };
  code?: string;
  message?: string;
  group?: string;
  /** Where a failure body lists per-field errors, and in which shape (declared by the spec). */
  details?: EnvelopeDetails;
}

/** A failure body's list of field errors, as the spec's `x-odeme-envelope.details` declares it. */
export interface EnvelopeDetails {
  /** Where the list is in the failure body. */
  path: string;
  /** `list`: an array of strings, or of objects holding the text in `messageField`; `field-map`: `{field: message | message[]}`. */
  shape: "list" | "field-map";
  /** For a list of objects: the key that holds the message (default "message"). */
  messageField?: string;
  /** Each message starts with the field it is about and ": " ("hash: Hash is not valid."). */
  fieldPrefix?: boolean;
  /** For a field map: a prefix of the field names to drop (ASP.NET writes JSON paths, "$.amount"). */
  stripFieldPrefix?: string;
  /**
   * Field name -> unified code: a field error on one of these fields gives the whole failure that
   * code, before the provider code's mapping (a provider that answers a wrong request hash, i.e.
   * wrong credentials, with the same code as any bad field; the spec says which, and why).
   */
  fieldCodes?: Record<string, ErrorCode>;
}

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** One operation of a spec, as the runtime needs it. */
export interface OperationDefinition {
  id: string;
  method: HttpMethod;
  path: string;
  host: string;
  /** No side effect at the provider: safe to retry after a timeout. */
  safe: boolean;
  body: "json" | "form" | "none";
  authSet?: string;
  hashFields?: string[];
  errors?: Record<string, ErrorCode>;
  /** Request fields holding amounts (`x-odeme-money`). */
  money?: string[];
  /** Response fields holding ids beyond 2^53 (`x-odeme-bigint`). */
  bigint?: string[];
  headerParams?: string[];
  queryParams?: string[];
  /** The `{name}` placeholders of `path`, filled from the call's `path` input (each value encoded as one segment). */
  pathParams?: string[];
  /** An envelope of its own instead of the provider's (an OAuth token endpoint's plain RFC 6749 JSON). */
  envelope?: EnvelopeDefinition;
  /**
   * What the client method takes before its options: omitted, the request body; `input`, the
   * whole `{ path, header, query, body }` input (an operation with parameters); `none`, nothing.
   */
  argument?: "input" | "none";
  /** The provider signs this operation's successful answers (`x-odeme-response-signature`); the auth scheme verifies it. */
  responseSignature?: ResponseSignatureDefinition;
}

/** Which response fields a provider signs, in order; how they are joined and keyed is the auth scheme's. */
export interface ResponseSignatureDefinition {
  fields: string[];
  /** Of `fields`, the amounts: signed in the scheme's canonical decimal form. */
  decimals?: string[];
}

/** `Omit` that distributes over unions (a oneOf request stays a union of its branches). */
export type WithoutFields<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The schema keywords of one request field that a value can be checked against before sending. */
export interface RequestFieldConstraint {
  /** One JSON Schema type, or several (OpenAPI 3.1: ["object", "null"]). */
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly enum?: readonly unknown[];
  /** x-odeme-bigint: an integer id that does not fit a JS number. */
  readonly bigint?: true;
  /** x-odeme-money: an amount. */
  readonly money?: true;
}
