/**
 * Inputs for the property suites: a valid input per provider and operation, and bad inputs made
 * from a valid one by exactly one defect, each with the field the rejection must name. One defect
 * at a time, so a rejection for some other reason (a false positive of the generator) shows up as
 * a wrong field instead of passing silently.
 */
import fc from "fast-check";
import type { ProviderId } from "../../src/index.ts";
import { fieldPath } from "../../src/input/index.ts";

export type Operation = "refund" | "cancel" | "retrieve";
export type Input = Record<string, unknown>;

/** What a run drives: every operation each provider has (Sipay Wallet has no cancel). */
export const COMBOS: readonly [ProviderId, Operation][] = [
  ["iyzico", "refund"],
  ["iyzico", "cancel"],
  ["iyzico", "retrieve"],
  ["paywall", "refund"],
  ["paywall", "cancel"],
  ["paywall", "retrieve"],
  ["dineropay", "refund"],
  ["dineropay", "cancel"],
  ["dineropay", "retrieve"],
  ["parolapay", "refund"],
  ["parolapay", "cancel"],
  ["parolapay", "retrieve"],
  ["sipay-wallet", "refund"],
  ["sipay-wallet", "retrieve"],
];

/** Credentials the suites configure; no message may contain them. */
export const SECRETS = {
  iyzico: { apiKey: "iyz-api-key-7f3a9c1e5b", secretKey: "iyz-secret-key-2d8b6f4a0c" },
  paywall: {
    apiKeyPublic: "pw-pub-key-91ac",
    apiClientPublic: "pw-pub-client-4e7d",
    apiKeyPrivate: "pw-priv-key-c0ffee51",
    apiClientPrivate: "pw-priv-client-b16b00b5",
  },
  dineropay: { merchantKey: "dp-merchant-key-5a5a5a", password: "dp-password-3c3c3c" },
  parolapay: { username: "parola-user-77", password: "parola-pass-88" },
  "sipay-wallet": { clientId: "sipay-client-id-19", clientSecret: "sipay-client-secret-29" },
} as const;

export const SECRET_VALUES: readonly string[] = Object.values(SECRETS).flatMap((c) => Object.values(c));

const INT64_MAX = 9223372036854775807n;
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** A calendar date that exists, yyyy-MM-dd. */
export const validDate = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const validKey = fc.stringMatching(/^[\x21-\x7e]{1,128}$/);
export const validAmount = fc.bigInt({ min: 1n, max: 99_999_999n }).map((minor) => Object.freeze({ minor, currency: "TRY" as const }));
export const validDescription = fc.stringMatching(/^[ -~]{0,120}$/);

const ref = {
  iyzicoId: fc.stringMatching(/^[1-9][0-9]{0,11}$/),
  merchantUniqueCode: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/),
  uniqueCode: fc.uuid(),
  paywallPaymentId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  dineropayId: fc.uuid(),
  intentId: hex(24).map((h) => `pi_${h}`),
  sipayId: fc.bigInt({ min: 1n, max: INT64_MAX }).map(String),
};

/** A valid `payment` for the provider and operation. */
export function validPayment(p: ProviderId, op: Operation): fc.Arbitrary<Input> {
  switch (p) {
    case "iyzico":
      return op === "refund"
        ? fc.record({ paymentId: ref.iyzicoId, paymentTransactionId: ref.iyzicoId }, { requiredKeys: ["paymentId"] })
        : fc.record({ paymentId: ref.iyzicoId });
    case "paywall": {
      const merchant = fc.record({ merchantUniqueCode: ref.merchantUniqueCode, date: validDate });
      const unique = fc.record({ uniqueCode: ref.uniqueCode, date: validDate });
      const byId = fc.record({ paymentId: ref.paywallPaymentId });
      if (op === "refund") return fc.oneof(merchant, unique, byId);
      if (op === "cancel") return fc.oneof(merchant, unique);
      return fc.oneof(
        fc.record({ merchantUniqueCode: ref.merchantUniqueCode, date: validDate }, { requiredKeys: ["merchantUniqueCode"] }),
        byId,
      );
    }
    case "dineropay":
      return fc.record({ paymentId: ref.dineropayId });
    case "parolapay":
      return fc.record({ intentId: ref.intentId });
    case "sipay-wallet":
      return fc.record({ transactionId: ref.sipayId });
  }
}

/** A valid input for the provider and operation. */
export function validInput(p: ProviderId, op: Operation): fc.Arbitrary<Input> {
  const payment = validPayment(p, op);
  if (op === "retrieve") return fc.record({ provider: fc.constant(p), payment });
  if (op === "cancel")
    return fc.record(
      { provider: fc.constant(p), payment, idempotencyKey: validKey, description: validDescription },
      { requiredKeys: ["provider", "payment", "idempotencyKey"] },
    );
  return fc.record(
    { provider: fc.constant(p), payment, idempotencyKey: validKey, amount: validAmount, description: validDescription },
    { requiredKeys: ["provider", "payment", "idempotencyKey"] },
  );
}

/** One bad input and the field its rejection must name. */
export interface Bad {
  input: unknown;
  field: string;
  /** What the defect is, for a failure message. */
  defect: string;
  /** Default invalid_request; `unsupported` for what the provider cannot do at all. */
  code?: "unsupported";
}

class Opaque {
  constructor(readonly paymentId = "1") {}
}

/** Values of every JavaScript kind that is not a plain string (or not plain data at all). */
const notString = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53 + 2),
  fc.integer(),
  fc.bigInt(),
  fc.constantFrom<unknown>(
    Symbol("x"),
    () => "1",
    new Date(0),
    new Map(),
    [],
    ["1"],
    {},
    { toString: () => "1" },
    new Opaque(),
    new String("1"),
  ),
  fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { minKeys: 1, maxKeys: 3 }),
);

/** Values that are not a plain object: the input and the payment must be one. */
const notPlain = notString.filter(
  (v) => v === null || typeof v !== "object" || Array.isArray(v) || ![Object.prototype, null].includes(Object.getPrototypeOf(v)),
);

/** Strings no reference may be: empty, too long, control characters, lone surrogates, card-like. */
const badText = fc.oneof(
  fc.constant(""),
  fc.string({ minLength: 256, maxLength: 400 }),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\u0000", "\n", "\r", "\u001b", "\u007f", "\u0085"), fc.string({ maxLength: 8 }))
    .map(([a, c, b]) => `${a}${c}${b}`),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\ud800", "\udfff")).map(([a, s]) => `${a}${s}`),
);

const CARD_PROOF = ["dineropay.paymentId", "parolapay.intentId", "sipay-wallet.transactionId"];

/** A card number with separators: never a valid id of any provider. */
const cardLike = fc.constantFrom("4111 1111 1111 1111", "5549-6000-0000-0004", "4242 4242 4242 4242 424");

/** Strings that break a reference's provider-specific rules (its spec pattern or format); undefined where the spec has none. */
function offPattern(p: ProviderId, field: string): fc.Arbitrary<string> | undefined {
  switch (`${p}.${field}`) {
    case "dineropay.paymentId":
      return fc.oneof(
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.uuid().map((u) => u.slice(0, 35)),
        fc.uuid().map((u) => `${u}0`),
        fc.uuid().map((u) => u.replace(/-/g, "")),
        fc.uuid().map((u) => `{${u}}`),
      );
    case "parolapay.intentId":
      return fc.oneof(
        hex(24),
        hex(23).map((h) => `pi_${h}`),
        hex(25).map((h) => `pi_${h}`),
        hex(24).map((h) => `pi_${h.toUpperCase()}G`),
        hex(24).map((h) => `PI_${h}`),
      );
    case "sipay-wallet.transactionId":
      return fc.oneof(
        fc.bigInt({ min: INT64_MAX + 1n, max: 10n ** 19n - 1n }).map(String),
        fc.bigInt({ min: 10n ** 19n, max: 10n ** 30n }).map(String),
        fc.bigInt({ min: -INT64_MAX, max: -1n }).map(String),
        fc.stringMatching(/^[0-9]{1,10}[ .a-z][0-9]{1,5}$/),
        fc.constantFrom("1e5", "0x1f", "+1", " 1"),
      );
    case "paywall.date":
      return fc.oneof(
        fc.constantFrom(
          "2024-02-30",
          "2023-02-29",
          "2100-02-29",
          "2024-04-31",
          "2024-13-01",
          "2024-00-10",
          "2024-01-00",
          "0000-01-01",
          "2024-1-5",
          "24-01-05",
          "2024/01/05",
          "2024-01-05T00:00:00Z",
          "05.01.2024",
        ),
        fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.constantFrom(4, 6, 9, 11)).map(([y, m]) => `${y}-${pad(m, 2)}-31`),
        fc
          .integer({ min: 2001, max: 2099 })
          .filter((y) => y % 4 !== 0)
          .map((y) => `${y}-02-29`),
      );
    case "paywall.merchantUniqueCode":
      // Sent in a header for the lookup: non-ASCII and edge spaces cannot travel unchanged.
      return fc.oneof(
        fc.string({ minLength: 251, maxLength: 300 }).filter((s) => s.length > 250),
        fc.constantFrom("sipariş-1", " order-1", "order-1 ", "订单"),
      );
    default:
      return undefined;
  }
}

const NUMERIC_ID_BAD = fc.oneof(
  fc.constantFrom<unknown>(
    0,
    -1,
    -0,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 53,
    Number.MAX_VALUE,
    "1",
    "12",
    1n,
    null,
    true,
    {},
    [],
    Symbol("id"),
    () => 1,
  ),
  fc.integer({ max: 0 }),
  fc.double({ noInteger: true, noNaN: true }),
);

/** Keys no input has. */
const strangeKey = fc.oneof(
  fc.constantFrom("__proto__x", "constructor", "toString", "paymentID", "payment_id", "id", "amount_minor", "", " ", "metadata"),
  fc.stringMatching(/^[a-z]{1,10}$/),
);

/** An object that contains itself. */
function cyclic(base: Input): Input {
  const o: Input = { ...base };
  o.self = o;
  return o;
}

function withGetter(base: Input, key: string): Input {
  const o: Input = { ...base };
  delete o[key];
  Object.defineProperty(o, key, { enumerable: true, get: () => base[key] });
  return o;
}

const throwingProxy = () =>
  new Proxy(
    {},
    {
      getPrototypeOf: () => {
        throw new Error("trap");
      },
      ownKeys: () => {
        throw new Error("trap");
      },
    },
  );

/** Bad values of one reference key, built once per provider and key (building arbitraries is the slow part). */
const valueDefectCache = new Map<string, fc.Arbitrary<[unknown, string]>>();

function valueDefects(p: ProviderId, key: string): fc.Arbitrary<[unknown, string]> {
  const id = `${p}.${key}`;
  const cached = valueDefectCache.get(id);
  if (cached !== undefined) return cached;
  const values: fc.Arbitrary<[unknown, string]>[] = [];
  if (id === "paywall.paymentId") values.push(NUMERIC_ID_BAD.map((v) => [v, "bad numeric id"]));
  else {
    values.push(notString.map((v) => [v, "not a string"]));
    values.push(badText.map((v) => [v, "bad text"]));
    const off = offPattern(p, key);
    if (off !== undefined) values.push(off.map((v) => [v, "off pattern"]));
    // A card number fits no id with a spec pattern or format.
    if (CARD_PROOF.includes(id)) values.push(cardLike.map((v) => [v, "card-like"]));
  }
  const arbitrary = fc.oneof(...values);
  valueDefectCache.set(id, arbitrary);
  return arbitrary;
}

/** Every key of a payment reference that holds a value, with its bad values. */
function referenceDefects(p: ProviderId, payment: Input): fc.Arbitrary<[string, unknown, string]>[] {
  return Object.keys(payment).map((key) => valueDefects(p, key).map(([v, d]) => [key, v, d] as [string, unknown, string]));
}

/** Bad Money values, with the field their rejection names. */
const amountCache = new Map<ProviderId, fc.Arbitrary<[unknown, string, string]>>();

function badAmounts(p: ProviderId): fc.Arbitrary<[unknown, string, string]> {
  const cached = amountCache.get(p);
  if (cached !== undefined) return cached;
  const list: fc.Arbitrary<[unknown, string, string]>[] = [
    notString.filter((v) => typeof v !== "object" || v === null || Array.isArray(v)).map((v) => [v, "amount", "not a Money"]),
    fc.constantFrom<unknown>(15.5, 1550, "15.50", 1550n).map((v) => [v, "amount", "a bare amount"]),
    fc.integer({ min: 1, max: 10_000 }).map((n) => [{ minor: n, currency: "TRY" }, "amount", "minor as a number"]),
    fc.bigInt({ min: -(10n ** 20n), max: 0n }).map((minor) => [{ minor, currency: "TRY" }, "amount", "not positive"]),
    fc.bigInt({ min: 10n ** 15n, max: 10n ** 40n }).map((minor) => [{ minor, currency: "TRY" }, "amount", "beyond exact"]),
    fc
      .constantFrom<unknown>("XYZ", "try", "", 949, null, "TRL")
      .map((currency) => [{ minor: 100n, currency }, "amount.currency", "bad currency"]),
    strangeKey
      .filter((k) => k !== "minor" && k !== "currency")
      .map((k) => [{ minor: 100n, currency: "TRY", [k]: 1 }, fieldPath("amount", k), "extra key"]),
    fc.constant(null).map(() => [cyclic({ minor: 100n, currency: "TRY" }), "amount.self", "cyclic"]),
  ];
  // The spec's own bounds: Sipay's refund_amount maximum 999999999 (major units).
  if (p === "sipay-wallet")
    list.push(
      fc
        .bigInt({ min: 99_999_999_901n, max: 10n ** 14n })
        .map((minor) => [{ minor, currency: "TRY" }, "amount", "above the spec's maximum"]),
    );
  // iyzico's currency enum has no JPY or KWD; DineroPay's amount pattern allows 2 decimals only.
  if (p === "iyzico")
    list.push(
      fc.constantFrom("JPY", "KWD", "SAR").map((currency) => [{ minor: 100n, currency }, "amount.currency", "not in the spec's enum"]),
    );
  if (p === "dineropay")
    list.push(
      fc
        .bigInt({ min: 1n, max: 10n ** 9n })
        .filter((m) => m % 10n !== 0n)
        .map((minor) => [{ minor, currency: "KWD" }, "amount", "3 decimals"]),
    );
  const arbitrary = fc.oneof(...list);
  amountCache.set(p, arbitrary);
  return arbitrary;
}

const badKeys = fc.oneof(
  notString.map((v) => [v, "not a string"] as const),
  fc.constantFrom("", "order 42", "k".repeat(129), "sipariş-1", "a\nb", "\u0000", "😀").map((v) => [v, "off the key rule"] as const),
);

const badDescriptions = fc.oneof(
  notString.map((v) => [v, "not a string"] as const),
  fc.string({ minLength: 256, maxLength: 2000 }).map((v) => [v, "too long"] as const),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom("\u0000", "\u001b", "\u007f", "\ud800"))
    .map(([a, c]) => [`${a}${c}`, "control character"] as const),
);

/** A Paywall payment named by two or three of its references at once. */
const paywallTwoWays = fc
  .record(
    { merchantUniqueCode: ref.merchantUniqueCode, uniqueCode: ref.uniqueCode, paymentId: ref.paywallPaymentId, date: validDate },
    { requiredKeys: ["date"] },
  )
  .filter((r) => ["merchantUniqueCode", "uniqueCode", "paymentId"].filter((k) => k in r).length >= 2);

/** Bad inputs for one provider and operation, built on valid ones. */
export function badInput(p: ProviderId, op: Operation): fc.Arbitrary<Bad> {
  const write = op !== "retrieve";
  return validInput(p, op).chain((base) => {
    const payment = base.payment as Input;
    const defects: fc.Arbitrary<Bad>[] = [
      // The input itself.
      fc
        .oneof(notPlain, fc.constantFrom<unknown>(undefined, "refund", 42))
        .map((input) => ({ input, field: "input", defect: "input not a plain object" })),
      fc.constant(null).map(() => ({ input: cyclic(base), field: "self", defect: "input contains itself" })),
      fc.constant(null).map(() => ({ input: withGetter(base, "payment"), field: "payment", defect: "payment behind a getter" })),
      fc.constant(null).map(() => ({ input: throwingProxy(), field: "input", defect: "a proxy that throws" })),
      // The provider.
      fc
        .oneof(notString, fc.constantFrom<unknown>(undefined, "stripe", "IYZICO", "iyzico ", "", "4111111111111111"))
        .map((provider) => ({ input: { ...base, provider }, field: "provider", defect: "bad provider" })),
      // Keys no input of this operation has.
      strangeKey
        .filter((k) => !(k in base))
        .map((k) => ({ input: { ...base, [k]: "x" }, field: fieldPath("", k), defect: `unknown key ${JSON.stringify(k)}` })),
      // The payment as a whole.
      fc
        .oneof(notPlain, fc.constant(undefined))
        .map((v) => ({ input: { ...base, payment: v }, field: "payment", defect: "payment not a plain object" })),
      fc
        .constant(null)
        .map(() => ({ input: { ...base, payment: cyclic(payment) }, field: "payment.self", defect: "payment contains itself" })),
      fc.constant(null).map(() => ({
        input: { ...base, payment: { ...payment, [Symbol("s")]: 1 } },
        field: "payment",
        defect: "payment with a symbol key",
      })),
      fc.constant(null).map(() => ({ input: { ...base, payment: {} }, field: "payment", defect: "empty payment" })),
      strangeKey
        .filter((k) => !(k in payment))
        .map((k) => ({
          input: { ...base, payment: { ...payment, [k]: "1" } },
          field: fieldPath("payment", k),
          defect: `unknown payment key ${JSON.stringify(k)}`,
        })),
      // One reference field at a time.
      ...referenceDefects(p, payment).map((a) =>
        a.map(([key, v, d]) => ({
          input: { ...base, payment: { ...payment, [key]: v } },
          field: `payment.${key}`,
          defect: `${key}: ${d}`,
        })),
      ),
      // Bad descriptions (every provider: typed and bounded even where it is not sent).
      ...(write
        ? [badDescriptions.map(([v, d]) => ({ input: { ...base, description: v }, field: "description", defect: `description ${d}` }))]
        : []),
    ];
    if (write) {
      defects.push(badKeys.map(([v, d]) => ({ input: { ...base, idempotencyKey: v }, field: "idempotencyKey", defect: `key ${d}` })));
      const { idempotencyKey: _k, ...noKey } = base;
      defects.push(fc.constant({ input: noKey, field: "idempotencyKey", defect: "no key" }));
    }
    if (op === "refund")
      defects.push(badAmounts(p).map(([v, field, d]) => ({ input: { ...base, amount: v }, field, defect: `amount ${d}` })));
    if (op === "cancel")
      defects.push(validAmount.map((amount) => ({ input: { ...base, amount }, field: "amount", defect: "a cancel with an amount" })));
    if (op === "retrieve")
      defects.push(
        validKey.map((k) => ({ input: { ...base, idempotencyKey: k }, field: "idempotencyKey", defect: "a lookup with a key" })),
      );
    // Provider-specific defects the issue found on main.
    if (p === "iyzico" && op === "cancel") {
      defects.push(
        ref.iyzicoId.map((id) => ({
          input: { ...base, payment: { ...payment, paymentTransactionId: id } },
          field: "payment.paymentTransactionId",
          defect: "an iyzico cancel of one basket item",
        })),
      );
    }
    if (p !== "iyzico" && op === "refund") {
      defects.push(
        ref.iyzicoId.map((id) => ({
          input: { ...base, payment: { ...payment, paymentTransactionId: id } },
          field: "payment.paymentTransactionId",
          defect: "an item refund where there is none",
          code: "unsupported" as const,
        })),
      );
    }
    if (p === "paywall") {
      defects.push(
        paywallTwoWays.map((r) => ({ input: { ...base, payment: r }, field: "payment", defect: "a Paywall payment named two ways" })),
      );
      if ("date" in payment && op !== "retrieve") {
        const { date: _d, ...noDate } = payment;
        defects.push(fc.constant({ input: { ...base, payment: noDate }, field: "payment.date", defect: "no date" }));
      }
      if ("paymentId" in payment)
        defects.push(
          validDate.map((date) => ({
            input: { ...base, payment: { ...payment, date } },
            field: "payment.date",
            defect: "a date with paymentId",
          })),
        );
    }
    return fc.oneof(...defects);
  });
}
