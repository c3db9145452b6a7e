/**
 * Compile-time guarantees, checked by vitest's typecheck in `pnpm test` (vitest.config.ts) and by
 * `npx tsc --noEmit -p .` in lint: each `@ts-expect-error` line must fail to compile, or tsc
 * reports an unused directive, and a wrong `expectTypeOf` fails its test. Nothing here is sent
 * anywhere: the calls sit in a function that only the type checker reads.
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createPayments,
  money,
  parseMoney,
  type CancelProviderId,
  type CancelResult,
  type Money,
  type PaymentDetails,
  type ProviderId,
  type RefundResult,
  type WebhookEvents,
} from "../src/index.ts";

const payments = createPayments({});
const amount = parseMoney("15.50", "TRY");

function typeOnly() {
  // ---- the right reference for each provider compiles
  void payments.refund({ provider: "iyzico", payment: { paymentId: "1" }, amount, idempotencyKey: "k" });
  void payments.refund({ provider: "iyzico", payment: { paymentId: "1", paymentTransactionId: "2" }, idempotencyKey: "k" });
  void payments.refund({ provider: "paywall", payment: { merchantUniqueCode: "o", date: "2024-06-12" }, idempotencyKey: "k" });
  void payments.refund({ provider: "paywall", payment: { uniqueCode: "g", date: "2024-06-12" }, amount, idempotencyKey: "k" });
  void payments.refund({ provider: "paywall", payment: { paymentId: 123456 }, amount, idempotencyKey: "k" });
  void payments.refund({ provider: "dineropay", payment: { paymentId: "uuid" }, idempotencyKey: "k" });
  void payments.refund({ provider: "parolapay", payment: { intentId: "pi_f6c993ad890e49d4859c8c17" }, idempotencyKey: "k" });
  void payments.refund({
    provider: "sipay-wallet",
    payment: { transactionId: "7440022202222222022" },
    amount: money(1050n, "TRY"),
    idempotencyKey: "k",
  });
  void payments.cancel({ provider: "paywall", payment: { merchantUniqueCode: "o", date: "2024-06-12" }, idempotencyKey: "k" });
  void payments.retrieve({ provider: "paywall", payment: { merchantUniqueCode: "o" } });

  // ---- the wrong reference shape for a provider
  // @ts-expect-error a Paywall reference passed to iyzico
  void payments.refund({ provider: "iyzico", payment: { merchantUniqueCode: "o", date: "2024-06-12" }, idempotencyKey: "k" });
  // @ts-expect-error an iyzico reference passed to Parolapay
  void payments.refund({ provider: "parolapay", payment: { paymentId: "1" }, idempotencyKey: "k" });
  // @ts-expect-error a Parolapay intent id must start with pi_
  void payments.refund({ provider: "parolapay", payment: { intentId: "f6c993ad890e49d4859c8c17" }, idempotencyKey: "k" });
  // @ts-expect-error a Sipay transaction id as a number would already be rounded
  void payments.refund({ provider: "sipay-wallet", payment: { transactionId: 7440022202222222022 }, idempotencyKey: "k" });
  // @ts-expect-error a Paywall date must be yyyy-MM-dd-shaped
  void payments.refund({ provider: "paywall", payment: { merchantUniqueCode: "o", date: "yesterday" }, idempotencyKey: "k" });
  void payments.refund({
    provider: "paywall",
    // @ts-expect-error two Paywall references at once
    payment: { merchantUniqueCode: "o", uniqueCode: "g", date: "2024-06-12" },
    idempotencyKey: "k",
  });
  // @ts-expect-error a Paywall merchantUniqueCode without its date
  void payments.refund({ provider: "paywall", payment: { merchantUniqueCode: "o" }, idempotencyKey: "k" });
  // @ts-expect-error an unknown field in the reference
  void payments.refund({ provider: "dineropay", payment: { paymentId: "uuid", orderId: "o" }, idempotencyKey: "k" });

  // ---- per-operation references: what a provider cannot do does not compile
  // @ts-expect-error item refunds are iyzico's alone
  void payments.refund({ provider: "paywall", payment: { paymentId: 1, paymentTransactionId: "2" }, idempotencyKey: "k" });
  // @ts-expect-error Sipay Wallet has no cancel
  void payments.cancel({ provider: "sipay-wallet", payment: { transactionId: "1" }, idempotencyKey: "k" });
  // @ts-expect-error Paywall cancels by merchantUniqueCode or uniqueCode, not paymentId
  void payments.cancel({ provider: "paywall", payment: { paymentId: 1 }, idempotencyKey: "k" });
  // @ts-expect-error iyzico cancels whole payments, not items
  void payments.cancel({ provider: "iyzico", payment: { paymentId: "1", paymentTransactionId: "2" }, idempotencyKey: "k" });
  // @ts-expect-error Paywall cannot look a payment up by uniqueCode
  void payments.retrieve({ provider: "paywall", payment: { uniqueCode: "g", date: "2024-06-12" } });

  // ---- amounts are Money in bigint minor units
  // @ts-expect-error a float amount
  void payments.refund({ provider: "iyzico", payment: { paymentId: "1" }, amount: 15.5, idempotencyKey: "k" });
  // @ts-expect-error a decimal string amount
  void payments.refund({ provider: "iyzico", payment: { paymentId: "1" }, amount: "15.50", idempotencyKey: "k" });
  // @ts-expect-error minor units as a number, not a bigint
  void payments.refund({ provider: "iyzico", payment: { paymentId: "1" }, amount: { minor: 1550, currency: "TRY" }, idempotencyKey: "k" });
  // @ts-expect-error an unknown currency
  void payments.refund({ provider: "iyzico", payment: { paymentId: "1" }, amount: { minor: 1550n, currency: "XYZ" }, idempotencyKey: "k" });

  // ---- providers and keys
  // @ts-expect-error an unknown provider
  void payments.refund({ provider: "stripe", payment: { paymentId: "1" }, idempotencyKey: "k" });
  // @ts-expect-error the idempotency key is required
  void payments.refund({ provider: "iyzico", payment: { paymentId: "1" } });
  // @ts-expect-error capabilities of an unknown provider
  void payments.capabilities("stripe");
  // @ts-expect-error Sipay Wallet webhooks have no documented signature
  void payments.webhooks.verify("sipay-wallet", "{}");

  // ---- a provider only known at run time must still match its reference
  const dynamic = "iyzico" as ProviderId;
  // @ts-expect-error the union of providers needs a reference that fits the one chosen
  void payments.refund({ provider: dynamic, payment: { paymentId: "1" }, idempotencyKey: "k" });
}
void typeOnly;

describe("types", () => {
  it("results carry the provider's literal type", () => {
    expectTypeOf(payments.refund<"iyzico">).returns.resolves.toEqualTypeOf<RefundResult<"iyzico">>();
    expectTypeOf<RefundResult<"iyzico">["provider"]>().toEqualTypeOf<"iyzico">();
    expectTypeOf<RefundResult["amount"]>().toEqualTypeOf<Money>();
    expectTypeOf<Money["minor"]>().toEqualTypeOf<bigint>();
    expectTypeOf<RefundResult["status"]>().toEqualTypeOf<"succeeded" | "pending">();
    expectTypeOf(payments.cancel<"paywall">).returns.resolves.toEqualTypeOf<CancelResult<"paywall">>();
    expectTypeOf(payments.retrieve<"parolapay">).returns.resolves.toEqualTypeOf<PaymentDetails<"parolapay">>();
  });

  it("capabilities are literal per provider", () => {
    expectTypeOf(payments.capabilities("iyzico").itemRefund).toEqualTypeOf<true>();
    expectTypeOf(payments.capabilities("sipay-wallet").cancel).toEqualTypeOf<false>();
    expectTypeOf(payments.capabilities("dineropay").asyncRefund).toEqualTypeOf<true>();
    expectTypeOf<CancelProviderId>().toEqualTypeOf<"iyzico" | "paywall" | "dineropay" | "parolapay">();
  });

  it("webhooks return each provider's event", () => {
    expectTypeOf(payments.webhooks.verify<"iyzico">).returns.toEqualTypeOf<WebhookEvents["iyzico"]>();
    expectTypeOf<WebhookEvents["paywall"]["merchantUniqueCode"]>().toEqualTypeOf<string>();
  });
});
