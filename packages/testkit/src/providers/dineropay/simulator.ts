/**
 * The DineroPay simulator: specs/dineropay.yaml served over HTTP, every body's `hash` verified as
 * DineroPay does (auth.ts), a ledger behind sessions, status, asynchronous refunds, void and
 * recurring charges (ledger.ts), and DineroPay's HTTP 400 `{error_code: 0, error_message, errors[]}`
 * for every rejection but a declined void (handlers.ts, replies.ts). This file only wires them.
 */
import { createClock } from "../../clock.ts";
import { startProvider } from "../../kit/start.ts";
import type { Simulator } from "../../simulator.ts";
import type { LoadedSpec } from "../../spec.ts";
import type { DineroPayCredentials } from "./auth.ts";
import { dineroPayBehaviour } from "./handlers.ts";
import { DineroPayLedger, type DineroPayLedgerView } from "./ledger.ts";
import { seedPayment, type SeedDineroPayPaymentInput, type SeededDineroPayPayment } from "./seed.ts";

export type { DineroPayCredentials } from "./auth.ts";
export type { SeedDineroPayPaymentInput, SeededDineroPayPayment } from "./seed.ts";

/** The credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const DINEROPAY_SANDBOX_CREDENTIALS: Readonly<DineroPayCredentials> = {
  merchantKey: "5d1c7a2e-9b34-4f0a-8e61-sim000000001",
  password: "sim-dineropay-password",
};

/** Default delay between a refund's "accepted" and its settlement, on the simulator clock. */
export const DEFAULT_REFUND_SETTLE_MS = 5_000;

export interface DineroPaySimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: DineroPayCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /**
   * How long after the request a refund settles, measured on the simulator clock (default 5 000).
   * With a frozen clock refunds stay pending until `clock.advance` passes it or `settleRefunds()`;
   * `Infinity` leaves them pending until `settleRefunds()`.
   */
  refundSettleMs?: number;
  /** Serve this spec instead of specs/dineropay.yaml. */
  spec?: LoadedSpec;
}

export interface DineroPaySimulator extends Simulator {
  readonly credentials: Readonly<DineroPayCredentials>;
  /** Read access to payments and refunds (minor units); reading settles refunds that are due. */
  readonly ledger: DineroPayLedgerView;
  /** Records a payment, settled unless told otherwise. */
  seedPayment(input: SeedDineroPayPaymentInput): SeededDineroPayPayment;
  /** Settles every pending refund now; returns how many settled. */
  settleRefunds(): number;
  /** Ends a checkout session (status prepare) as the payer would: settled (default) or decline. */
  completeSession(paymentId: string, status?: "settled" | "decline"): void;
}

/** Starts a DineroPay simulator on 127.0.0.1. */
export async function startDineroPaySimulator(options: DineroPaySimulatorOptions = {}): Promise<DineroPaySimulator> {
  const refundSettleMs = options.refundSettleMs ?? DEFAULT_REFUND_SETTLE_MS;
  if (!(refundSettleMs >= 0)) throw new RangeError("refundSettleMs must be >= 0 (or Infinity)");
  const clock = createClock(options.now);
  const ledger = new DineroPayLedger(clock, refundSettleMs);
  const base = await startProvider("dineropay", options, {
    sandbox: DINEROPAY_SANDBOX_CREDENTIALS,
    clock,
    behaviour: ({ credentials }) => dineroPayBehaviour({ credentials, clock, ledger }),
  });
  return {
    ...base,
    ledger,
    seedPayment: (input) => seedPayment(ledger, clock, input),
    settleRefunds: () => ledger.settleAll(),
    completeSession(paymentId, status = "settled") {
      ledger.complete(paymentId, status, clock.now());
    },
  };
}
