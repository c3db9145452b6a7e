/**
 * The shape of a provider's input schemas (one per input: refund, cancel, retrieve) and what they
 * share. Each provider's own is in providers/<id>/input.ts: each reference field lists the spec
 * request fields its value is passed to, by `operation.body|header.field` of the generated
 * constraints table, so the checks follow the specs: a new maxLength or pattern in a spec applies
 * there at the next `pnpm generate`. What the specs do not say (no maximum for an id, free text)
 * gets the facade's bounds from rules.ts, named as such.
 */
import type { Money } from "../money.ts";
import { render } from "./render.ts";
import { freeText, referenceString, reject, type Rule, type SpecSource, type Where } from "./rules.ts";

/** One way of naming a payment: the key that selects it, and every key it takes. */
export interface Variant {
  by: string;
  required: Readonly<Record<string, Rule>>;
  optional?: Readonly<Record<string, Rule>>;
  /** Set when this way exists but the operation cannot use it: the `unsupported` message. */
  unsupported?: string;
}

export interface OperationSchema {
  /** The ways to name the payment; exactly one may be used. */
  payment: readonly Variant[];
  /** Payment keys the provider cannot do at all for this operation (capabilities), with the message. */
  unsupportedKeys?: Readonly<Record<string, string>>;
  /** Hints for keys that are not inputs of this operation, top level and in `payment`. */
  hints?: Readonly<Record<string, string>>;
  paymentHints?: Readonly<Record<string, string>>;
  /** Refunds only. */
  amount?: (at: Where, field: string, value: unknown) => Money;
  description: Rule;
  /** Default: FACADE_KEY. */
  idempotencyKey?: Rule;
}

export interface ProviderSchemas {
  name: string;
  refund: OperationSchema;
  /** Absent: the provider has no cancel (the facade says `unsupported`). */
  cancel?: OperationSchema;
  retrieve: OperationSchema;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * The caller's idempotency key: 1 to 128 visible ASCII characters (the facade's rule, so a key
 * fits every provider's reference field and any store), and what the spec says of each field it
 * is sent to as the provider's own reference.
 */
export function idempotencyKey(sources: readonly SpecSource[]): Rule {
  const spec = referenceString("an idempotency key", sources);
  return (at, field, value) => {
    if (typeof value !== "string" || !KEY_PATTERN.test(value)) {
      return reject(
        at,
        field,
        `${field} is required: 1 to 128 visible ASCII characters (e.g. "order-42-refund-1"); got ${render(value)}. Reuse it only to retry the same operation.`,
      );
    }
    return spec(at, field, value);
  };
}

/** For providers that get no key of ours (Paywall, DineroPay): the facade's rule alone. */
export const FACADE_KEY = idempotencyKey([]);

export const CANCEL_HINTS = {
  amount: "A cancel voids the whole payment and takes no amount; to give back part of it, refund that amount instead.",
};
export const RETRIEVE_HINTS = {
  idempotencyKey: "A lookup changes nothing and takes no idempotency key.",
  amount: "A lookup takes no amount.",
  description: "A lookup takes no description.",
};

/** Which providers can is `capabilities(id).itemRefund`: the message points there rather than naming one. */
export const ITEM_REFUND =
  "cannot refund one basket item (paymentTransactionId): refund an amount instead (capabilities(provider).itemRefund says which providers refund items).";

/** What a provider that names a payment one way, for every input, and refunds no single items gives. */
export interface OneWaySchemas {
  name: string;
  /** The payment key and its rule. */
  by: string;
  rule: Rule;
  refund: Pick<OperationSchema, "amount" | "description" | "idempotencyKey">;
  /** Absent: no cancel. */
  cancel?: Pick<OperationSchema, "description" | "idempotencyKey">;
}

/** The schemas of such a provider (DineroPay, Parolapay, Sipay Wallet). */
export function oneWaySchemas({ name, by, rule, refund, cancel }: OneWaySchemas): ProviderSchemas {
  const payment = [{ by, required: { [by]: rule } }];
  return {
    name,
    refund: { payment, unsupportedKeys: { paymentTransactionId: `${name} ${ITEM_REFUND}` }, ...refund },
    ...(cancel !== undefined ? { cancel: { payment, hints: CANCEL_HINTS, ...cancel } } : {}),
    retrieve: { payment, hints: RETRIEVE_HINTS, description: freeText([]) },
  };
}
