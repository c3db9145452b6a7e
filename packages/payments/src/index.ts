/**
 * @odeme/payments: one refund, cancel and lookup API over iyzico, Paywall, DineroPay, Parolapay and
 * Sipay Wallet, in integer minor units, with one error class and safe replay.
 */
export { createPayments } from "./payments.ts";
export type {
  DineroPayConfig,
  IyzicoConfig,
  ParolapayConfig,
  Payments,
  PaymentsOptions,
  PaywallConfig,
  ProviderCapabilities,
  SipayWalletConfig,
} from "./payments.ts";
export { PROVIDER_IDS } from "./types.ts";
export type {
  CancelInput,
  CancelProviderId,
  CancelRefs,
  CancelResult,
  Capabilities,
  CapabilityName,
  ParolapayIntentId,
  PaymentDetails,
  PaymentStatus,
  PaywallDate,
  ProviderId,
  RefundEntry,
  RefundInput,
  RefundRefs,
  RefundResult,
  RetrieveInput,
  RetrieveRefs,
  WriteStatus,
} from "./types.ts";
export { MemoryIdempotencyStore } from "./idempotency/memory-store.ts";
export type { IdempotencyRecord, IdempotencyStore, Lease, RecordState, StoredResult } from "./idempotency/store.ts";
export type { JsonValue, WritePlan } from "./providers/adapter.ts";
export { ERROR_CODES, OdemeError, isOdemeError } from "./errors.ts";
export type { ErrorCode, FieldError, Outcome } from "./errors.ts";
export {
  CURRENCIES,
  MoneyError,
  add,
  compare,
  currencyExponent,
  formatDecimal,
  fromProviderNumber,
  isCurrency,
  isZero,
  min,
  money,
  moneyFromJSON,
  moneyToJSON,
  parseMoney,
  subtract,
  toMinorNumber,
} from "./money.ts";
export type { Currency, FormatOptions, Money, MoneyInputOptions, MoneyJSON } from "./money.ts";
export type {
  DineroPayCallbackEvent,
  HeaderBag,
  IyzicoWebhookEvent,
  PaywallCallbackEvent,
  RawBody,
  WebhookEvents,
  WebhookProviderId,
  Webhooks,
} from "./webhooks/index.ts";
