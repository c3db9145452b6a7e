/**
 * The conformance scenarios every provider runs against its simulator. A scenario states the
 * normalized behaviour; what differs between providers is derived from their `capabilities()`,
 * never from their id, so a provider that gains a capability gains the stricter expectation.
 * A scenario that needs a capability says so in `skip`: the runner marks it skipped, with the
 * reason, for a provider without it, so no scenario passes without asserting anything.
 */
import { expect } from "vitest";
import type { Capabilities, CapabilityName, CancelResult, ErrorCode, OdemeError, PaymentDetails, RefundResult } from "../../src/index.ts";

export interface ScenarioContext {
  readonly caps: Capabilities;
  /**
   * A fresh successful payment of 100.00 (TRY unless the provider says otherwise), made now.
   * `cancel`: one to void (for Parolapay an authorized intent, since only those can be cancelled).
   */
  seed(purpose?: "cancel"): Promise<void>;
  /** `amount` in major units ("15.50"); omitted = full refund. `item` refunds the first basket item. */
  refund(opts: { key: string; amount?: string; item?: boolean }): Promise<RefundResult>;
  cancel(key: string): Promise<CancelResult>;
  retrieve(): Promise<PaymentDetails>;
  /** Any operation by name, with an input the provider may not support (for the "before the wire" checks). */
  attempt(operation: "itemRefund" | "cancel"): Promise<unknown>;
  /** Refunds the simulator's ledger holds for the seeded payment. */
  ledgerRefunds(): number;
  /** Requests the simulator has received. */
  requestCount(): number;
  /** Lets asynchronous refunds settle (DineroPay reports settled refunds only). */
  settleRefunds(): void;
  /** The next refund request is applied, then its connection is reset before the answer. */
  resetAfterNextRefund(): void;
  /** How many requests the reset fault hit. */
  resetsHit(): number;
  /** "15.50" -> the Money of the seeded payment's currency. */
  minor(amount: string): bigint;
}

export interface Scenario {
  name: string;
  /** Why the scenario does not apply to a provider with these capabilities; undefined when it does. */
  skip?(caps: Capabilities): string | undefined;
  run(ctx: ScenarioContext): Promise<void>;
}

/** A skip reason naming the capabilities (all of them needed) the provider lacks. */
const needs =
  (...names: readonly CapabilityName[]) =>
  (caps: Capabilities): string | undefined => {
    const missing = names.filter((n) => !caps[n]);
    return missing.length > 0 ? `needs ${missing.join(" and ")}` : undefined;
  };

/** A skip reason for a scenario about a capability the provider has, so it cannot be refused. */
const lacks =
  (name: CapabilityName) =>
  (caps: Capabilities): string | undefined =>
    caps[name] ? `the provider has ${name}` : undefined;

/** The status a successful refund has on this provider. */
const refunded = (caps: Capabilities) => (caps.asyncRefund ? ["pending", "succeeded"] : ["succeeded"]);

async function rejectedWith(run: () => Promise<unknown>, codes: readonly ErrorCode[]): Promise<OdemeError> {
  const error = (await run().then(
    () => undefined,
    (e: unknown) => e,
  )) as OdemeError | undefined;
  expect(error, "expected a rejection").toBeDefined();
  expect(codes).toContain(error?.code);
  return error as OdemeError;
}

/** Seeds a payment, refunds 25.00 of it where partial refunds exist, settles, and looks it up. */
async function retrieveAfterRefund(ctx: ScenarioContext): Promise<PaymentDetails> {
  await ctx.seed();
  if (ctx.caps.partialRefund) await ctx.refund({ key: "ret-1", amount: "25.00" });
  if (ctx.caps.asyncRefund) ctx.settleRefunds();
  return ctx.retrieve();
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "full refund",
    async run(ctx) {
      await ctx.seed();
      const r = await ctx.refund({ key: "full-1" });
      expect(refunded(ctx.caps)).toContain(r.status);
      expect(r.amount.minor).toBe(ctx.minor("100.00"));
      expect(ctx.ledgerRefunds()).toBe(1);
    },
  },
  {
    name: "partial refund",
    skip: needs("partialRefund"),
    async run(ctx) {
      await ctx.seed();
      const r = await ctx.refund({ key: "part-1", amount: "15.50" });
      expect(r.amount.minor).toBe(ctx.minor("15.50"));
      expect(ctx.ledgerRefunds()).toBe(1);
    },
  },
  {
    name: "partial refund rejected where the provider has none",
    skip: lacks("partialRefund"),
    async run(ctx) {
      await ctx.seed();
      await rejectedWith(() => ctx.refund({ key: "part-1", amount: "15.50" }), ["unsupported"]);
      expect(ctx.ledgerRefunds()).toBe(0);
    },
  },
  {
    name: "second partial refund up to the remainder",
    skip: needs("partialRefund", "repeatedRefund"),
    async run(ctx) {
      await ctx.seed();
      await ctx.refund({ key: "second-1", amount: "40.00" });
      const rest = await ctx.refund({ key: "second-2", amount: "60.00" });
      expect(rest.amount.minor).toBe(ctx.minor("60.00"));
      expect(ctx.ledgerRefunds()).toBe(2);
    },
  },
  {
    name: "over-refund rejected",
    async run(ctx) {
      await ctx.seed();
      if (ctx.caps.partialRefund && ctx.caps.repeatedRefund) await ctx.refund({ key: "over-1", amount: "70.00" });
      const before = ctx.ledgerRefunds();
      await rejectedWith(() => ctx.refund({ key: "over-2", amount: before > 0 ? "30.01" : "100.01" }), ["amount_exceeds_refundable"]);
      expect(ctx.ledgerRefunds()).toBe(before);
    },
  },
  {
    name: "refund after full refund rejected",
    async run(ctx) {
      await ctx.seed();
      await ctx.refund({ key: "after-1" });
      // Where the facade can see what was refunded it says so; elsewhere the provider's answer may
      // only be that the amount exceeds what is left.
      const codes: ErrorCode[] = ctx.caps.refundedAmount ? ["already_refunded"] : ["already_refunded", "amount_exceeds_refundable"];
      await rejectedWith(() => ctx.refund({ key: "after-2", amount: "1.00" }), codes);
      expect(ctx.ledgerRefunds()).toBe(1);
    },
  },
  {
    name: "same-day cancel",
    skip: needs("cancel"),
    async run(ctx) {
      await ctx.seed("cancel");
      const r = await ctx.cancel("cancel-1");
      expect(r.status).toBe("succeeded");
      expect((await ctx.retrieve()).status).toBe("cancelled");
    },
  },
  {
    name: "cancel after refund rejected",
    skip: needs("cancel"),
    async run(ctx) {
      await ctx.seed();
      await ctx.refund({ key: "car-1", amount: ctx.caps.partialRefund ? "10.00" : undefined });
      await rejectedWith(() => ctx.cancel("car-2"), ["already_refunded", "cancel_window_closed"]);
    },
  },
  {
    name: "retrieve shows the payment's amount after a refund",
    async run(ctx) {
      const d = await retrieveAfterRefund(ctx);
      expect(d.amount?.minor).toBe(ctx.minor("100.00"));
    },
  },
  {
    name: "retrieve shows refunded and refundable amounts",
    skip: needs("refundedAmount"),
    async run(ctx) {
      const d = await retrieveAfterRefund(ctx);
      expect(d.amount?.minor).toBe(ctx.minor("100.00"));
      expect(d.refundedAmount?.minor).toBe(ctx.minor(ctx.caps.partialRefund ? "25.00" : "0.00"));
      expect(d.refundableAmount?.minor).toBe(ctx.minor(ctx.caps.partialRefund ? "75.00" : "100.00"));
      expect(d.status).toBe(ctx.caps.partialRefund ? "partially_refunded" : "succeeded");
    },
  },
  {
    name: "retrieve lists the refund made",
    skip: needs("listsRefunds", "partialRefund"),
    async run(ctx) {
      const d = await retrieveAfterRefund(ctx);
      expect(d.refunds?.length).toBeGreaterThan(0);
      expect(d.refunds?.reduce((sum, r) => sum + r.amount.minor, 0n)).toBe(ctx.minor("25.00"));
    },
  },
  ...(["itemRefund", "cancel"] as const).map(
    (op): Scenario => ({
      name: `${op === "cancel" ? "cancel" : "item refund"} rejected before the wire where unsupported`,
      skip: lacks(op),
      async run(ctx) {
        await ctx.seed();
        const sent = ctx.requestCount();
        const error = await rejectedWith(() => ctx.attempt(op), ["unsupported"]);
        expect(error.outcome).toBe("not_sent");
        expect(ctx.requestCount()).toBe(sent);
      },
    }),
  ),
  {
    name: "reset after the write, then a retry with the same key, leaves exactly one refund",
    async run(ctx) {
      await ctx.seed();
      ctx.resetAfterNextRefund();
      const settle = (run: () => Promise<RefundResult>) =>
        run().then(
          (r) => r,
          (e: OdemeError) => {
            expect(e.code).toBe("outcome_unknown");
            return undefined;
          },
        );
      await settle(() => ctx.refund({ key: "reset-1", amount: ctx.caps.partialRefund ? "20.00" : undefined }));
      const retry = await settle(() => ctx.refund({ key: "reset-1", amount: ctx.caps.partialRefund ? "20.00" : undefined }));
      if (retry !== undefined) expect(retry.replayed).toBe(true);
      expect(ctx.resetsHit()).toBe(1);
      expect(ctx.ledgerRefunds()).toBe(1);
    },
  },
];
