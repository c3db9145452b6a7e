/**
 * Every failure the Parolapay simulator can answer, exactly as it answers it (its own status and
 * `{error: {code, message}}` body, from its error table), read by the generated client: the
 * OdemeError carries the unified code the table names. Parolapay documents no error codes, so
 * thirteen of the simulator's codes were once left out of specs/parolapay.yaml and mapped by HTTP
 * status; they are listed now (x-odeme-inferred, see the spec's error-code schema) with the code
 * their status gave, and `FORMERLY_BY_STATUS` pins that listing them changed no OdemeError.code.
 * The other codes' answers over real HTTP are in parolapay.test.ts; this file covers the whole
 * table, including codes no client call can provoke (an unknown path).
 */
import { describe, expect, it } from "vitest";
import { errorForStatus } from "../../packages/core/src/classify.ts";
import { createParolapayClient, minorUnits, OdemeError, parolapayProvider } from "../../packages/parolapay/src/index.ts";
import { loadSpec } from "../../packages/testkit/src/spec.ts";
import {
  failureBody,
  PAROLAPAY_ERRORS,
  parolapayFailure,
  type ParolapayErrorKey,
} from "../../packages/testkit/src/providers/parolapay/errors.ts";

/** The codes the spec maps only since issue 13; before, the client mapped each by its HTTP status. */
const FORMERLY_BY_STATUS = [
  "invalid_request",
  "not_found",
  "card_not_found",
  "invalid_card_number",
  "currency_mismatch",
  "invalid_amount",
  "card_declined",
  "invalid_otp",
  "otp_expired",
  "otp_attempts_exceeded",
  "invalid_state",
  "already_captured",
  "amount_exceeds_authorized",
];

/** A client whose every request is answered with the simulator's reply to `key`. */
function answering(key: ParolapayErrorKey) {
  const reply = failureBody(parolapayFailure(key));
  return createParolapayClient({
    username: "merchant",
    password: "secret",
    baseUrl: "http://127.0.0.1:1",
    maxRetries: 0,
    fetch: async () => new Response(JSON.stringify(reply.body), { status: reply.status, headers: { "content-type": "application/json" } }),
  });
}

async function rejection(promise: Promise<unknown>): Promise<OdemeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OdemeError);
  return error as OdemeError;
}

const KEYS = Object.keys(PAROLAPAY_ERRORS) as ParolapayErrorKey[];

describe("the Parolapay client reads every code the simulator answers", () => {
  it.each(KEYS)("%s: the unified code of the simulator's table, on a write and on a read", async (key) => {
    const entry = PAROLAPAY_ERRORS[key];
    const client = answering(key);
    const write = await rejection(client.refund({ intent_id: "pi_f6c993ad890e49d4859c8c17", amount: minorUnits(1_500), currency: "TRY" }));
    const read = await rejection(client.status({ intent_id: "pi_f6c993ad890e49d4859c8c17" }));
    for (const error of [write, read]) {
      expect(error).toMatchObject({
        code: entry.unified,
        providerCode: entry.code,
        status: entry.status,
        outcome: "rejected",
        retryable: false,
      });
    }
  });

  it.each(FORMERLY_BY_STATUS)("%s: listed in the spec with the code its HTTP status gave before", (code) => {
    const entries = Object.values(PAROLAPAY_ERRORS).filter((e) => e.code === code);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(parolapayProvider.errors[code]).toBe(entry.unified);
      // The runtime's fallback for a 4xx carrying a code it does not know (transport/response.ts).
      expect(errorForStatus(entry.status, false).code).toBe(entry.unified);
    }
  });

  it("marks every one of them inferred: Parolapay documents no error code", () => {
    const doc = loadSpec("parolapay").document as { components: { schemas: Record<string, unknown> } };
    const body = doc.components.schemas.ErrorBody as { properties: { error: { properties: { code: Record<string, unknown> } } } };
    expect(body.properties.error.properties.code).toMatchObject({
      "x-odeme-inferred": true,
      "x-odeme-inferred-reason": expect.any(String),
    });
    expect(Object.keys(parolapayProvider.errors).sort()).toEqual([...new Set(Object.values(PAROLAPAY_ERRORS).map((e) => e.code))].sort());
  });
});
