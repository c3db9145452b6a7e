/**
 * The Sipay Wallet simulator: specs/sipay-wallet.yaml served over HTTP. One server plays both hosts
 * of an environment: the IdentityServer (`POST /connect/token`, client credentials, tokens that
 * expire by the simulator clock) and the STS API (Bearer tokens, the `{status, code, message,
 * payload}` envelope, FluentValidation 999s and ASP.NET model-binding 400s), with a ledger of
 * wallets, payments and refunds in integer kuruş and 19-digit ids kept as decimal strings
 * (auth.ts, handlers.ts, replies.ts, ledger.ts, ids.ts). This file only wires them.
 *
 * Ids are written as JSON strings, as the docs' response example does ("7440022202222222022") and
 * as the spec types them; the server never holds one in a JS number.
 */
import { createClock } from "../../clock.ts";
import { startProvider } from "../../kit/start.ts";
import type { Simulator } from "../../simulator.ts";
import type { LoadedSpec } from "../../spec.ts";
import { TokenStore, type SipayWalletCredentials } from "./auth.ts";
import { sipayWalletBehaviour } from "./handlers.ts";
import { SipayWalletLedger, type SipayWalletLedgerView } from "./ledger.ts";
import { createSeeding, type SeededPayment, type SeededWallet, type SeedPaymentInput, type SeedWalletInput } from "./seed.ts";

export { SIPAY_WALLET_SCOPES, type SipayWalletCredentials } from "./auth.ts";
export { SIPAY_WALLET_DEFAULT_PAGE_SIZE, SIPAY_WALLET_DEFAULT_SEARCH_DAYS } from "./handlers.ts";
export {
  SIPAY_WALLET_DEMO_WALLETS,
  type DecimalInput,
  type SeededPayment,
  type SeededWallet,
  type SeedPaymentInput,
  type SeedWalletInput,
} from "./seed.ts";

/** The client credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const SIPAY_WALLET_SANDBOX_CREDENTIALS: Readonly<SipayWalletCredentials> = {
  clientId: "sim-client-id",
  clientSecret: "sim-client-secret",
};

export interface SipayWalletSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: SipayWalletCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /** Lifetime of issued tokens by the simulator clock, and their expires_in. Default 3600 (the docs'). */
  tokenTtlSeconds?: number;
  /** Serve this spec instead of specs/sipay-wallet.yaml (tests of the framework). */
  spec?: LoadedSpec;
}

export interface SipayWalletSimulator extends Simulator {
  readonly credentials: Readonly<SipayWalletCredentials>;
  /** Read access to wallets and transactions; amounts in kuruş, ids as strings. */
  readonly ledger: SipayWalletLedgerView;
  /** The two wallets every simulator starts with. */
  readonly wallets: { readonly personal: SeededWallet; readonly business: SeededWallet };
  readonly tokenTtlSeconds: number;
  /** How many requests reached POST /connect/token (any outcome). */
  readonly tokenRequests: number;
  /** Invalidates every issued token: the next API call gets a 401. */
  revokeTokens(): void;
  /** Records a completed wallet payment, as if POST /v1/Transaction/Payment had been called. */
  seedPayment(input: SeedPaymentInput): SeededPayment;
  /** Adds a wallet (e.g. a second business, or a personal wallet with a small balance). */
  seedWallet(input: SeedWalletInput): SeededWallet;
}

/** Starts a Sipay Wallet simulator on 127.0.0.1 (serving both the identity and the api host). */
export async function startSipayWalletSimulator(options: SipayWalletSimulatorOptions = {}): Promise<SipayWalletSimulator> {
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 1) {
    throw new RangeError(`startSipayWalletSimulator: tokenTtlSeconds must be a positive integer, got ${tokenTtlSeconds}`);
  }
  const clock = createClock(options.now);
  const ledger = new SipayWalletLedger();
  const tokens = new TokenStore();
  const seeding = createSeeding(ledger, clock);
  const base = await startProvider("sipay-wallet", options, {
    sandbox: SIPAY_WALLET_SANDBOX_CREDENTIALS,
    clock,
    behaviour: ({ credentials }) => sipayWalletBehaviour({ credentials, clock, ledger, tokens, tokenTtlSeconds }),
  });
  return {
    ...base,
    ledger,
    tokenTtlSeconds,
    get tokenRequests() {
      return base.requests.filter((r) => r.operationId === "getToken").length;
    },
    revokeTokens: () => tokens.revokeAll(),
    ...seeding,
  };
}
