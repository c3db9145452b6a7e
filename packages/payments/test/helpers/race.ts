/**
 * Refunds of one payment sent at once, each under its own key, for tests where one of them is lost
 * (a fault on the refund route): what callers were told, split into results and errors, and the
 * amount whose call failed, so the test can retry that key.
 */
import type { OdemeError, Payments, RefundInput, RefundResult } from "../../src/index.ts";
import { parseMoney, type Currency } from "../../src/index.ts";

export interface Race<R> {
  reported: R[];
  failed: OdemeError[];
  /** The first amount whose call was not reported as a result. */
  lost: string | undefined;
}

export async function raceRefunds<P extends "dineropay" | "paywall">(
  payments: Payments,
  amounts: readonly string[],
  currency: Currency,
  input: (amount: string) => RefundInput<P>,
): Promise<Race<RefundResult<P>>> {
  const settled = await Promise.allSettled(amounts.map((a) => payments.refund(input(a) as never)));
  const reported = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value as RefundResult<P>] : []));
  const failed = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as OdemeError] : []));
  const lost = amounts.find((a) => !reported.some((r) => r.amount.minor === parseMoney(a, currency).minor));
  return { reported, failed, lost };
}
