/**
 * Failure replies, shared: a ledger or a handler throws a ProviderFailure naming an entry of its
 * provider's error table (errors.ts), and the provider's replies.ts turns it into that provider's
 * error envelope. One class for all five, so the dispatcher (behaviour.ts) and the tests need to
 * know only one.
 */

/** One row of a provider's error table: at least the code the simulator answers with. */
export interface ErrorEntry {
  /** The provider's error code as it appears on the wire. */
  readonly code: string | number;
}

/** A broken rule. `key` is an entry of the provider's table; `detail` is woven into the message. */
export class ProviderFailure<K extends string = string> extends Error {
  override readonly name = "ProviderFailure";
  /** The request field at fault, where the provider's reply names one (DineroPay, ASP.NET binding). */
  readonly field: string | undefined;

  constructor(
    readonly key: K,
    readonly detail?: string,
    options: { field?: string } = {},
  ) {
    super(`${options.field !== undefined ? `${options.field}: ` : ""}${key}${detail ? ` (${detail})` : ""}`);
    this.field = options.field;
  }
}

/** A typed `throw fail("paymentNotFound", id)` for one provider's table: unknown keys do not compile. */
export function failureOf<T extends Record<string, ErrorEntry>>(_table: T) {
  return (key: keyof T & string, detail?: string, options?: { field?: string }) =>
    new ProviderFailure<keyof T & string>(key, detail, options);
}

/** `message` with `detail` appended in a provider's style: "Payment not found: 42" or "Payment not found (42)". */
export function withDetail(message: string, detail: string | undefined, style: "colon" | "parens" | "space"): string {
  if (!detail) return message;
  if (style === "colon") return `${message}: ${detail}`;
  if (style === "space") return `${message} ${detail}`;
  return `${message} (${detail})`;
}
