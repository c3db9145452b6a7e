/**
 * Refund and cancel bookkeeping every ledger repeats: how much is left to refund, and whether a
 * cancel or void is still on the payment's business day. Each ledger throws its own failure.
 */
import { istanbulDay } from "./time.ts";

export type RefundCheck = { ok: true; left: number; amount: number } | { ok: false; why: "fully-refunded" | "exceeds"; left: number };

/**
 * Whether `amount` (undefined: everything left) can still be refunded from `total` of which
 * `refunded` already was. A refund is never more than what is left.
 */
export function checkRefund(total: number, refunded: number, amount: number | undefined): RefundCheck {
  const left = total - refunded;
  if (left <= 0) return { ok: false, why: "fully-refunded", left };
  const value = amount ?? left;
  if (value > left) return { ok: false, why: "exceeds", left };
  return { ok: true, left, amount: value };
}

/** Same Istanbul calendar day: the window of every provider's same-day cancel or void. */
export function sameBusinessDay(a: Date, b: Date): boolean {
  return istanbulDay(a) === istanbulDay(b);
}
