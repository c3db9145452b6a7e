/**
 * The Paywall simulator: specs/paywall.yaml served over HTTP (both hosts' paths on one server),
 * the public or private header pair checked per operation (auth.ts), a ledger behind start /
 * refund / cancel / revert / inquiry (ledger.ts, handlers.ts), and Paywall's envelope
 * `{ErrorCode, Result, Message, Body}` in HTTP 200 for every answer, failures included
 * (replies.ts). This file only wires them.
 */
import { createClock } from "../../clock.ts";
import { startProvider } from "../../kit/start.ts";
import type { Simulator } from "../../simulator.ts";
import type { LoadedSpec } from "../../spec.ts";
import type { PaywallCredentials } from "./auth.ts";
import { paywallBehaviour } from "./handlers.ts";
import { PaywallLedger, type PaywallLedgerView } from "./ledger.ts";
import { seedPayment, type SeededPaywallPayment, type SeedPaywallPaymentInput } from "./seed.ts";

export type { PaywallCredentials } from "./auth.ts";
export type { PaywallDecimalInput, SeededPaywallPayment, SeedPaywallPaymentInput } from "./seed.ts";

/** The credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const PAYWALL_SANDBOX_CREDENTIALS: Readonly<PaywallCredentials> = {
  apiKeyPublic: "sim-paywall-apikey-public",
  apiClientPublic: "sim-paywall-apiclient-public",
  apiKeyPrivate: "sim-paywall-apikey-private",
  apiClientPrivate: "sim-paywall-apiclient-private",
};

export interface PaywallSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: PaywallCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /** Serve this spec instead of specs/paywall.yaml. */
  spec?: LoadedSpec;
}

export interface PaywallSimulator extends Simulator {
  readonly credentials: Readonly<PaywallCredentials>;
  /** Read access to payments and their activities; amounts in kuruş. */
  readonly ledger: PaywallLedgerView;
  /** Records a successful payment, as if payment/startdirect had been called. */
  seedPayment(input: SeedPaywallPaymentInput): SeededPaywallPayment;
  /** Finishes a 3-D payment started with start3d, as the payer's bank would (default: success). */
  complete3dPayment(paymentId: number, succeeded?: boolean): void;
}

/** Starts a Paywall simulator on 127.0.0.1. */
export async function startPaywallSimulator(options: PaywallSimulatorOptions = {}): Promise<PaywallSimulator> {
  const clock = createClock(options.now);
  const ledger = new PaywallLedger();
  const base = await startProvider("paywall", options, {
    sandbox: PAYWALL_SANDBOX_CREDENTIALS,
    clock,
    behaviour: ({ spec, credentials }) => paywallBehaviour({ spec, credentials, clock, ledger }),
  });
  return {
    ...base,
    ledger,
    seedPayment: (input) => seedPayment(ledger, clock, input),
    complete3dPayment(paymentId, succeeded = true) {
      const payment = ledger.payment(paymentId);
      if (!payment) throw new RangeError(`complete3dPayment: no payment ${paymentId}`);
      ledger.complete3d(payment, succeeded, clock.now());
    },
  };
}
