export { ERROR_CODES, OdemeError, isOdemeError, odemeErrorInit } from "./errors.ts";
export type { ErrorCode, FieldError, Outcome, OdemeErrorInit } from "./errors.ts";
export type {
  AuthDefinition,
  EnvelopeDefinition,
  HttpMethod,
  OperationDefinition,
  ProviderDefinition,
  RequestFieldConstraint,
  ResponseSignatureDefinition,
  SensitiveFields,
  WithoutFields,
} from "./definition.ts";
export { createTransport } from "./transport/create-transport.ts";
export { addOperationMethods, defineOperations, type OperationSpec } from "./operations.ts";
export type { CallInput, CallOptions, LogEvent, Transport, TransportDefaults, TransportOptions } from "./transport/create-transport.ts";
export type { FetchLike, Sender, WireRequest, WireResponse } from "./transport/send.ts";
export type {
  AnyAuthSchemeModule,
  AnyAuthSchemeRuntime,
  AuthContext,
  AuthOptions,
  AuthScheme,
  AuthSchemeModule,
  AuthSchemeRuntime,
  HmacSha256Factory,
  ResponseSignatureProblem,
  SignedOperation,
} from "./auth/scheme.ts";
export { AUTH_SCHEMES, authSchemeOf, authSecretNames } from "./auth/index.ts";
export { iyzwsV2Auth, iyzwsV2AuthRuntime, iyzwsV2Header } from "./auth/iyzws-v2.ts";
export { akuratecoHash, akuratecoHashAuth, akuratecoHashAuthRuntime } from "./auth/akurateco-hash.ts";
export { basicAuth, basicAuthRuntime } from "./auth/basic.ts";
export { headersAuth, headersAuthRuntime } from "./auth/headers.ts";
export { oauth2ClientCredentialsAuth, oauth2ClientCredentialsAuthRuntime } from "./auth/oauth2-client-credentials.ts";
export { TokenCache } from "./auth/oauth2.ts";
export { formatWireAmount, minorUnits, WireMoneyError } from "./wire-money.ts";
export type { DecimalString, MinorUnits, MoneyWireFormat } from "./wire-money.ts";
export { parseJsonLossless, parseJsonNumbersAsWritten, stringifyWithRawNumbers } from "./json.ts";
export {
  redact,
  redactText,
  redactHeaders,
  redactFormText,
  isSecretKey,
  secretFieldSet,
  clip,
  luhnValid,
  MASK,
  createScrubber,
  credentialValues,
  scrubberFor,
} from "./redact.ts";
export type { Scrubber, ScrubberOptions, SecretFields } from "./redact.ts";
export { base64ToUtf8, timingSafeEqualHex, hmacSha256Hex, sha256Hex } from "./crypto.ts";
export { retryableCode } from "./classify.ts";
