import type {
  AuthDefinition,
  EnvelopeDefinition,
  OperationDefinition,
  ProviderDefinition,
  ResponseSignatureDefinition,
} from "../definition.ts";
import { invalidRequest } from "../errors.ts";
import type { WireRequest } from "../transport/send.ts";

/** Credentials and auth knobs a generated client passes through from its options. */
export type AuthOptions = Record<string, unknown> & { randomKey?: () => string; scope?: string };

/** One auth scheme at work in one client: may add fields to the body before it is serialized, and headers after. */
export interface AuthScheme {
  prepareBody?(op: OperationDefinition, body: Record<string, unknown>): void;
  headers?(op: OperationDefinition, request: { uriPath: string; body: string }): Promise<Record<string, string>> | Record<string, string>;
  /** After a 401: return true to have the call retried once with fresh credentials. */
  onUnauthorized?(usedHeaders: Record<string, string>): boolean;
  /**
   * `headers()` may wait on a request of its own (a token): the transport then stops waiting for
   * it when the caller's signal aborts or the call's time limit passes (the request itself goes on
   * for the other calls waiting on it).
   */
  waitsOnNetwork?: true;
  /**
   * After a successful envelope, for an operation whose definition has `responseSignature`: checks
   * the provider's signature over the parsed body. Resolves to what is wrong, or undefined when the
   * signature holds; never to the expected value (what the caller sees must not carry it).
   */
  verifyResponse?(op: SignedOperation, body: unknown): Promise<ResponseSignatureProblem | undefined> | ResponseSignatureProblem | undefined;
}

/** An operation whose successful answers the provider signs. */
export type SignedOperation = OperationDefinition & { responseSignature: ResponseSignatureDefinition };

/** Why a signed answer was not accepted: it carries no signature, or one that does not match its fields. */
export type ResponseSignatureProblem = "missing" | "mismatch";

/** An HMAC-SHA256 keyed once (per client), hex out; async where only WebCrypto has it. */
export type HmacSha256Factory = (key: string) => (message: string) => string | Promise<string>;

/** What a scheme may use besides its own definition and the client's options. */
export interface AuthContext {
  provider: ProviderDefinition;
  options: AuthOptions;
  /** Sends a request of the scheme's own (a token request) through the transport's one send path; resolves with the parsed body. */
  send: (op: OperationDefinition, request: WireRequest) => Promise<unknown>;
  hostUrl: (host: string) => string;
  hmacSha256: HmacSha256Factory;
}

/**
 * Everything odeme knows about one auth scheme, in one module: the generator reads the credential
 * names and filled-in fields, the scrubber the secret headers and fields, the transport `create`.
 * Provider names never appear outside the scheme's module and the provider's spec.
 */
export interface AuthSchemeModule<S extends AuthDefinition["scheme"] = AuthDefinition["scheme"]> {
  readonly scheme: S;
  /** Client options that hold credentials (required, never logged). */
  credentials(def: Extract<AuthDefinition, { scheme: S }>): string[];
  /**
   * What the scheme sends in place of the credentials themselves, as text to mask wherever it is
   * echoed (HTTP Basic's `user:password` pair, encoded on the wire). Optional: most send them as-is.
   */
  derivedSecrets?(def: Extract<AuthDefinition, { scheme: S }>, options: Record<string, unknown>): string[];
  /**
   * The words that open this scheme's Authorization value (`Bearer`, a provider's own scheme name):
   * the scrubber masks the credential after them wherever it is echoed as text. Optional: a scheme
   * that sends its secrets in named headers or fields is masked by those names.
   */
  readonly authValuePrefixes?: readonly string[];
  /**
   * Text the scheme's definition makes public (header names, a token path), for the scrubber: a
   * piece of a secret that also occurs there is not masked. Optional: most name nothing public.
   */
  publicText?(def: Extract<AuthDefinition, { scheme: S }>): string[];
  /** Client options besides credentials (randomKey for a testable signature, an OAuth scope), with their TypeScript type. */
  extraOptions(def: Extract<AuthDefinition, { scheme: S }>): { name: string; type: string; doc: string }[];
  /** Headers the scheme adds to requests. */
  signedHeaders(def: Extract<AuthDefinition, { scheme: S }>): string[];
  /** Of those, and of the body fields it fills in, which carry secret material (masked in logs and errors). */
  secretNames(def: Extract<AuthDefinition, { scheme: S }>): string[];
  /** Body fields the scheme fills in itself: not the caller's to pass. */
  autoFilledFields(def: Extract<AuthDefinition, { scheme: S }>): string[];
  create(def: Extract<AuthDefinition, { scheme: S }>, ctx: AuthContext): AuthScheme;
  /**
   * For a scheme that verifies signed answers (`AuthScheme.verifyResponse`): the response field that
   * holds the provider's signature. The generator checks each `x-odeme-response-signature` against it.
   */
  responseSignatureField?(def: Extract<AuthDefinition, { scheme: S }>): string;
  /** The envelope of an operation that belongs to the scheme (the token endpoint, also called as an operation of the spec). */
  envelopeFor?(def: Extract<AuthDefinition, { scheme: S }>, op: OperationDefinition): EnvelopeDefinition | undefined;
}

/**
 * The part of a scheme a client runs: what createTransport and its scrubber read. A generated
 * client imports this half (`<scheme>AuthRuntime`), so its bundle does not carry what only the
 * generator reads (option docs, signed header lists).
 */
export type AuthSchemeRuntime<S extends AuthDefinition["scheme"] = AuthDefinition["scheme"]> = Pick<
  AuthSchemeModule<S>,
  "scheme" | "credentials" | "derivedSecrets" | "authValuePrefixes" | "publicText" | "secretNames" | "create" | "envelopeFor"
>;

/** Any one scheme's runtime half (a union, so each keeps its own definition type). */
export type AnyAuthSchemeRuntime = { [S in AuthDefinition["scheme"]]: AuthSchemeRuntime<S> }[AuthDefinition["scheme"]];

/** A scheme's whole module from its two halves; pure, so a bundle that uses only the runtime half drops the rest. */
export function authSchemeModule<S extends AuthDefinition["scheme"]>(
  runtime: AuthSchemeRuntime<S>,
  generator: Omit<AuthSchemeModule<S>, keyof AuthSchemeRuntime<S>>,
): AuthSchemeModule<S> {
  return { ...runtime, ...generator } as AuthSchemeModule<S>;
}

export function requireString(provider: ProviderDefinition, options: AuthOptions, name: string): string {
  const v = options[name];
  if (typeof v !== "string" || v === "") {
    throw invalidRequest(provider, "createClient", `${provider.name}: the client option "${name}" is required (a non-empty string).`, name);
  }
  return v;
}

/** Any one scheme's module (a union, so each keeps its own definition type). */
export type AnyAuthSchemeModule = { [S in AuthDefinition["scheme"]]: AuthSchemeModule<S> }[AuthDefinition["scheme"]];
