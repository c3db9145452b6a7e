/**
 * The Parolapay simulator: specs/parolapay.yaml served over HTTP with HTTP Basic auth (auth.ts), a
 * ledger of payment intents and card payments in integer kuruş and in-memory saved cards
 * (ledger.ts), canned queries (catalog.ts), and the spec's inferred error shape `{error: {code,
 * message}}` on a 4xx for every broken rule (errors.ts, handlers.ts). This file only wires them.
 */
import { createClock } from "../../clock.ts";
import { startProvider } from "../../kit/start.ts";
import type { Simulator } from "../../simulator.ts";
import type { LoadedSpec } from "../../spec.ts";
import type { ParolapayCredentials } from "./auth.ts";
import { parolapayBehaviour } from "./handlers.ts";
import { ParolapayLedger, type ParolapayLedgerView } from "./ledger.ts";
import { createSeeding, type SeedCardPaymentInput, type SeededCardPayment, type SeededIntent, type SeedIntentInput } from "./seed.ts";

export type { ParolapayCredentials } from "./auth.ts";
export type { SeedCardPaymentInput, SeededCardPayment, SeededIntent, SeedIntentInput } from "./seed.ts";

/** The credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const PAROLAPAY_SANDBOX_CREDENTIALS: Readonly<ParolapayCredentials> = {
  username: "sim-merchant",
  password: "sim-password",
};

/** The OTP every intent's SMS "contains" unless the simulator is started with another. */
export const PAROLAPAY_DEFAULT_OTP = "123456";

export interface ParolapaySimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: ParolapayCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /** The OTP that verifies every intent (4 to 8 digits). Default "123456". */
  otp?: string;
  /** Serve this spec instead of specs/parolapay.yaml (tests of the framework). */
  spec?: LoadedSpec;
}

export interface ParolapaySimulator extends Simulator {
  readonly credentials: Readonly<ParolapayCredentials>;
  /** The OTP that verifies intents. */
  readonly otp: string;
  /** Read access to intents, refunds, card payments and saved cards; amounts in kuruş. */
  readonly ledger: ParolapayLedgerView;
  /** Records an intent, by default captured, as if created, verified and captured through the API. */
  seedIntent(input: SeedIntentInput): SeededIntent;
  /** Records a card payment, as if POST /card/pay had been called. */
  seedCardPayment(input: SeedCardPaymentInput): SeededCardPayment;
}

/** Starts a Parolapay simulator on 127.0.0.1. */
export async function startParolapaySimulator(options: ParolapaySimulatorOptions = {}): Promise<ParolapaySimulator> {
  const otp = options.otp ?? PAROLAPAY_DEFAULT_OTP;
  if (!/^[0-9]{4,8}$/.test(otp)) throw new RangeError(`startParolapaySimulator: otp must be 4 to 8 digits, got "${otp}"`);
  const clock = createClock(options.now);
  const ledger = new ParolapayLedger();
  const base = await startProvider("parolapay", options, {
    sandbox: PAROLAPAY_SANDBOX_CREDENTIALS,
    clock,
    behaviour: ({ credentials }) => parolapayBehaviour({ credentials, clock, ledger, otp }),
  });
  return { ...base, otp, ledger, ...createSeeding(ledger, clock, otp) };
}
