/**
 * The iyzico simulator: specs/iyzico.yaml served over HTTP, IYZWSv2 verified, a ledger behind
 * refunds, cancels, the payment detail and the reporting detail (which alone lists refunds and
 * cancels, by the conversationId each was sent with), and iyzico's failure envelope (HTTP 200,
 * status "failure") for every broken rule (handlers.ts, replies.ts, responses.ts). This file wires
 * them and plays the browser's legs of the 3-D Secure and checkout-form flows (flows.ts).
 */
import { createClock } from "../../clock.ts";
import { startProvider } from "../../kit/start.ts";
import { parseMinor } from "../../money.ts";
import type { Simulator } from "../../simulator.ts";
import { isObject, type LoadedSpec } from "../../spec.ts";
import { responseSignature } from "./auth.ts";
import { CardVault } from "./cards.ts";
import { postCallback, type CheckoutFormSession, type PendingThreeds } from "./flows.ts";
import { iyzicoBehaviour } from "./handlers.ts";
import { IyzicoLedger, type IyzicoLedgerView } from "./ledger.ts";
import { seedPayment, type SeededPayment, type SeedPaymentInput } from "./seed.ts";

export { IYZICO_STATEFUL_OPERATIONS } from "./handlers.ts";
export type { DecimalInput, SeededPayment, SeedPaymentInput } from "./seed.ts";

export type IyzicoCredentials = { apiKey: string; secretKey: string };

/** The credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const IYZICO_SANDBOX_CREDENTIALS: Readonly<IyzicoCredentials> = {
  apiKey: "sandbox-sim-api-key",
  secretKey: "sandbox-sim-secret-key",
};

export interface IyzicoSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: IyzicoCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /** Serve this spec instead of specs/iyzico.yaml (tests of the framework). */
  spec?: LoadedSpec;
}

export interface IyzicoSimulator extends Simulator {
  readonly credentials: Readonly<IyzicoCredentials>;
  /** Read access to payments (with items), refunds and cancels; amounts in kuruş. */
  readonly ledger: IyzicoLedgerView;
  /** Records a successful payment, as if POST /payment/auth had been called. */
  seedPayment(input: SeedPaymentInput): SeededPayment;
  /**
   * The bank's leg of a 3-D Secure payment: posts `status`, `paymentId`, `conversationData`,
   * `conversationId`, `mdStatus` and `signature` to the initialize request's callbackUrl (loopback
   * only), as the buyer's browser would. mdStatus 1 (the default) lets the auth call complete it.
   */
  completeThreeds(paymentId: string, options?: { mdStatus?: number }): Promise<{ status: number; fields: Record<string, string> }>;
  /**
   * The buyer's leg of a checkout form: pays with `cardNumber` (default iyzico's sandbox card), then
   * posts the `token` to the form's callbackUrl (loopback only).
   */
  payCheckoutForm(token: string, options?: { cardNumber?: string }): Promise<{ status: number; paymentId: string }>;
}

/** Starts an iyzico simulator on 127.0.0.1. */
export async function startIyzicoSimulator(options: IyzicoSimulatorOptions = {}): Promise<IyzicoSimulator> {
  const clock = createClock(options.now);
  const ledger = new IyzicoLedger();
  const threeds = new Map<string, PendingThreeds>();
  const forms = new Map<string, CheckoutFormSession>();
  const base = await startProvider("iyzico", options, {
    sandbox: IYZICO_SANDBOX_CREDENTIALS,
    clock,
    behaviour: ({ credentials }) => iyzicoBehaviour({ credentials, clock, ledger, threeds, forms, cards: new CardVault() }),
  });
  const { credentials } = base;
  return {
    ...base,
    ledger,
    seedPayment: (input) => seedPayment(ledger, clock, input),
    async completeThreeds(paymentId, { mdStatus = 1 } = {}) {
      const pending = threeds.get(paymentId);
      if (!pending) throw new RangeError(`completeThreeds: no 3-D Secure payment ${paymentId} is waiting`);
      pending.mdStatus = mdStatus;
      const payment = ledger.payment(paymentId);
      if (payment && mdStatus === 1) payment.status = "CALLBACK_THREEDS";
      const status = mdStatus === 1 ? "success" : "failure";
      const conversationId = pending.conversationId ?? "";
      const fields = {
        status,
        paymentId,
        conversationData: pending.conversationData,
        conversationId,
        mdStatus: String(mdStatus),
        // iyzipay-php samples/callbackUrl_Signature_Validation.php: conversationData, conversationId, mdStatus, paymentId, status.
        signature: responseSignature(credentials.secretKey, [
          pending.conversationData,
          conversationId,
          String(mdStatus),
          paymentId,
          status,
        ]),
      };
      return { status: await postCallback(pending.callbackUrl, fields), fields };
    },
    async payCheckoutForm(token, { cardNumber = "5528790000000008" } = {}) {
      const form = forms.get(token);
      if (!form) throw new RangeError(`payCheckoutForm: no checkout form ${token}`);
      if (form.paymentId !== undefined) throw new RangeError(`payCheckoutForm: form ${token} is already paid`);
      const items = (Array.isArray(form.request.basketItems) ? form.request.basketItems.filter(isObject) : []).map((item) => ({
        itemId: String(item.id),
        price: parseMinor(String(item.price)),
      }));
      const payment = ledger.createPayment({
        items,
        paidPrice: parseMinor(String(form.request.paidPrice)),
        currency: typeof form.request.currency === "string" ? form.request.currency : "TRY",
        ...(form.conversationId !== undefined ? { conversationId: form.conversationId } : {}),
        ...(typeof form.request.basketId === "string" ? { basketId: form.request.basketId } : {}),
        card: { binNumber: cardNumber.slice(0, 6), lastFourDigits: cardNumber.slice(-4) },
        phase: form.phase,
        createdAt: clock.now(),
      });
      form.paymentId = payment.paymentId;
      return { status: await postCallback(form.callbackUrl, { token }), paymentId: payment.paymentId };
    },
  };
}
