/**
 * Strict input at the facade boundary. Every refund, cancel and lookup is read here first, as
 * plain data against its provider's schema (providers/<id>/input.ts), before any lookup or request: unknown
 * keys are refused, a payment is named exactly one way, every value the facade passes through is
 * checked against the spec fields it goes to. What comes out is a fresh, plain, JSON-safe copy,
 * so nothing the caller holds (a getter, a cycle, a later mutation) reaches the adapters or the
 * idempotency fingerprint.
 *
 * Every rejection is an OdemeError `invalid_request` (or `unsupported`, for what the provider
 * cannot do) with `outcome: "not_sent"`, the field's path, and a safe rendering of the value.
 */
import { isOdemeError } from "@odeme/core";
import type { JsonObject } from "../providers/adapter.ts";
import { invalidRequest, precheckFailed } from "../errors.ts";
import type { Money } from "../money.ts";
import { PROVIDER_IDS, type CancelInput, type ProviderId, type RefundInput, type RetrieveInput } from "../types.ts";
import { render } from "./render.ts";
import { readRecord, reject, rejectUnknown, type InputOperation, type Where } from "./rules.ts";
import { PROVIDERS } from "../providers/registry.ts";
import { FACADE_KEY, type OperationSchema } from "./schemas.ts";

export { render, maskCardNumbers } from "./render.ts";
export { fieldPath, isCalendarDate } from "./rules.ts";

/** A write input as the facade uses it: validated, copied, plain. */
export interface CheckedWrite {
  provider: ProviderId;
  idempotencyKey: string;
  payment: JsonObject;
  amount?: Money;
  description?: string;
}

export interface CheckedRetrieve {
  provider: ProviderId;
  payment: JsonObject;
}

const SHAPE: Record<InputOperation, string> = {
  refund: "an object like { provider, payment, idempotencyKey, amount? }",
  cancel: "an object like { provider, payment, idempotencyKey }",
  retrieve: "an object like { provider, payment }",
};

/** Refund and cancel input. The result is typed as the input type so adapters take it as it is. */
export function checkWrite(operation: "refund", input: unknown): CheckedWrite & RefundInput;
export function checkWrite(operation: "cancel", input: unknown): CheckedWrite & CancelInput;
export function checkWrite(operation: "refund" | "cancel", input: unknown): CheckedWrite;
export function checkWrite(operation: "refund" | "cancel", input: unknown): CheckedWrite {
  return guarded(operation, () => {
    const { at, record, schema } = open(operation, input);
    const keys = ["provider", "idempotencyKey", "payment", "description", ...(schema.amount !== undefined ? ["amount"] : [])];
    rejectUnknown(at, "", record, keys, schema.hints);
    // Cheap and most telling first: what the payment is, then the key, the amount, the text.
    const payment = readPayment(at, schema, record.get("payment"));
    const idempotencyKey = (schema.idempotencyKey ?? FACADE_KEY)(at, "idempotencyKey", record.get("idempotencyKey")) as string;
    const out: CheckedWrite = { provider: at.provider, idempotencyKey, payment };
    if (record.has("amount") && schema.amount !== undefined) out.amount = schema.amount(at, "amount", record.get("amount"));
    if (record.has("description")) out.description = schema.description(at, "description", record.get("description")) as string;
    return out;
  });
}

export function checkRetrieve(input: unknown): CheckedRetrieve & RetrieveInput {
  return guarded("retrieve", () => {
    const { at, record, schema } = open("retrieve", input);
    rejectUnknown(at, "", record, ["provider", "payment"], schema.hints);
    return { provider: at.provider, payment: readPayment(at, schema, record.get("payment")) } as CheckedRetrieve & RetrieveInput;
  });
}

/**
 * Anything thrown while reading the input that is not our own error (a Proxy's trap, a revoked
 * proxy) is still bad input: it becomes invalid_request, never a TypeError for the caller.
 */
function guarded<T>(operation: InputOperation, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isOdemeError(error)) throw error;
    throw invalidRequest(
      "unknown",
      operation,
      "input",
      `${operation}: the input cannot be read as plain data (${error instanceof Error ? error.name : "a thrown value"}); pass ${SHAPE[operation]}.`,
    );
  }
}

/** `provider` as one of the facade's provider ids, or invalid_request naming them all. */
export function knownProvider(operation: string, provider: unknown): ProviderId {
  if (typeof provider !== "string" || !(PROVIDER_IDS as readonly string[]).includes(provider)) {
    throw invalidRequest(
      "unknown",
      operation,
      "provider",
      `${operation}: unknown provider ${render(provider)}; use one of ${PROVIDER_IDS.join(", ")}.`,
    );
  }
  return provider as ProviderId;
}

/** The input object, its provider and that provider's schema for the operation. */
function open(operation: InputOperation, input: unknown): { at: Where; record: Map<string, unknown>; schema: OperationSchema } {
  const anyone: Where = { provider: "unknown" as ProviderId, name: "", operation };
  const record = readRecord(anyone, "", input, SHAPE[operation]);
  const p = knownProvider(operation, record.get("provider"));
  const schemas = PROVIDERS[p].input;
  const at: Where = { provider: p, name: schemas.name, operation };
  const schema = schemas[operation];
  if (schema === undefined) {
    throw precheckFailed(
      p,
      operation,
      "unsupported",
      `${schemas.name} has no same-day void (cancel); refund the payment instead.`,
      "provider",
    );
  }
  return { at, record, schema };
}

/** `payment`: exactly one of the schema's ways to name a payment, with only its keys. */
function readPayment(at: Where, schema: OperationSchema, value: unknown): JsonObject {
  const ways = schema.payment.map((v) => v.by);
  const shape = schema.payment
    .filter((v) => v.unsupported === undefined)
    .map((v) => `{ ${[...Object.keys(v.required), ...Object.keys(v.optional ?? {}).map((k) => `${k}?`)].join(", ")} }`)
    .join(" or ");
  if (value === undefined) return reject(at, "payment", `payment is required: ${shape}.`);
  const record = readRecord(at, "payment", value, shape);
  for (const [name, message] of Object.entries(schema.unsupportedKeys ?? {})) {
    if (record.has(name)) throw precheckFailed(at.provider, at.operation, "unsupported", message, `payment.${name}`);
  }
  const named = ways.filter((w) => record.has(w));
  if (named.length === 0) return reject(at, "payment", `payment must be ${shape}; got ${render(value)}.`);
  if (named.length > 1) {
    return reject(
      at,
      "payment",
      `payment must name the payment one way only, by ${ways.join(" or ")}; got ${named.join(" and ")} together. Pass ${shape}.`,
    );
  }
  const variant = schema.payment.find((v) => v.by === named[0]) as OperationSchema["payment"][number];
  if (variant.unsupported !== undefined)
    throw precheckFailed(at.provider, at.operation, "unsupported", variant.unsupported, `payment.${variant.by}`);
  const rules = { ...variant.required, ...variant.optional };
  rejectUnknown(at, "payment", record, Object.keys(rules), {
    ...Object.fromEntries(
      ways.filter((w) => w !== variant.by).map((w) => [w, `Name the payment one way only: this one is by ${variant.by}.`]),
    ),
    ...schema.paymentHints,
  });
  const out: JsonObject = {};
  for (const [name, rule] of Object.entries(variant.required)) {
    const path = `payment.${name}`;
    if (!record.has(name)) return reject(at, path, `${path} is required with payment.${variant.by}: pass ${shape}.`);
    out[name] = rule(at, path, record.get(name));
  }
  for (const [name, rule] of Object.entries(variant.optional ?? {})) {
    if (record.has(name)) out[name] = rule(at, `payment.${name}`, record.get(name));
  }
  return out;
}
