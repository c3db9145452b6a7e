/**
 * Property suite: bad input never reaches the wire. Over 10,000 generated inputs per run, each a
 * valid refund, cancel or lookup of one of the five providers with exactly one defect, go through
 * createPayments with a counting fetch. Every one must be refused before fetch is called, as an
 * OdemeError with outcome not_sent that names the defective field, with a message that renders the
 * value safely (no "[object Object]", no configured credential). The figures are printed.
 *
 * The generated good inputs (the same arbitraries without the defect) must pass the checks: no
 * false rejections. The conformance and adapter suites send good inputs to the simulators.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createPayments, isOdemeError, PROVIDER_IDS, type OdemeError, type Payments } from "../../src/index.ts";
import { checkRetrieve, checkWrite } from "../../src/input/index.ts";
import { fakeProvider } from "../helpers/fake-fetch.ts";
import { badInput, COMBOS, SECRETS, SECRET_VALUES, validInput, type Bad, type Operation } from "./arbitraries.ts";

/** Inputs per provider and operation: 14 of them, so a run drives 14 * 750 = 10,500 bad inputs. */
const RUNS_PER_COMBO = 750;

function facade(): { payments: Payments; requests: () => number } {
  const wire = fakeProvider();
  const config = Object.fromEntries(PROVIDER_IDS.map((p) => [p, { ...SECRETS[p], baseUrl: "http://127.0.0.1:9" }]));
  return { payments: createPayments({ ...config, fetch: wire.fetch }), requests: () => wire.calls.length };
}

function call(payments: Payments, op: Operation, input: unknown): Promise<unknown> {
  if (op === "refund") return payments.refund(input as never);
  if (op === "cancel") return payments.cancel(input as never);
  return payments.retrieve(input as never);
}

const figures = { generated: 0, reachedWire: 0, notOdemeError: 0, objectObject: 0, secretInMessage: 0, invalidRequest: 0, unsupported: 0 };

afterAll(() => {
  // The run's figures, for the issue note and CI logs.
  console.log(
    `bad inputs: ${figures.generated} generated, ${figures.reachedWire} requests reached the wire, ${figures.notOdemeError} non-OdemeError, ` +
      `${figures.objectObject} "[object Object]", ${figures.secretInMessage} with a credential; ${figures.invalidRequest} invalid_request, ${figures.unsupported} unsupported`,
  );
});

describe("bad input never reaches the wire", () => {
  it.each(COMBOS)("%s %s", async (provider, op) => {
    const { payments, requests } = facade();
    await fc.assert(
      fc.asyncProperty(badInput(provider, op), async (bad: Bad) => {
        figures.generated++;
        const before = requests();
        let thrown: unknown;
        try {
          await call(payments, op, bad.input);
        } catch (error) {
          thrown = error;
        }
        const sent = requests() - before;
        if (sent > 0) figures.reachedWire++;
        if (!isOdemeError(thrown)) figures.notOdemeError++;
        const error = thrown as OdemeError;
        const message = isOdemeError(thrown) ? error.message : String(thrown);
        if (message.includes("[object Object]")) figures.objectObject++;
        if (SECRET_VALUES.some((s) => message.includes(s))) figures.secretInMessage++;
        if (error?.code === "invalid_request") figures.invalidRequest++;
        if (error?.code === "unsupported") figures.unsupported++;
        const why = `${provider} ${op}, ${bad.defect}`;
        expect(sent, why).toBe(0);
        expect(isOdemeError(thrown), `${why}: threw ${String(thrown)}`).toBe(true);
        expect({ code: error.code, outcome: error.outcome, field: error.field }, `${why}: ${message}`).toEqual({
          code: bad.code ?? "invalid_request",
          outcome: "not_sent",
          field: bad.field,
        });
        expect(message, why).not.toContain("[object Object]");
        for (const secret of SECRET_VALUES) expect(message, why).not.toContain(secret);
        expect(message.length, why).toBeLessThan(600);
      }),
      { numRuns: RUNS_PER_COMBO },
    );
    expect(requests()).toBe(0);
  });

  it("adds up to at least 10,000 bad inputs, none of them sent", () => {
    expect(figures.generated).toBeGreaterThanOrEqual(10_000);
    expect(figures).toMatchObject({ reachedWire: 0, notOdemeError: 0, objectObject: 0, secretInMessage: 0 });
  });
});

describe("good input still goes through the checks", () => {
  it.each(COMBOS)("%s %s", (provider, op) => {
    fc.assert(
      fc.property(validInput(provider, op), (input) => {
        const checked = op === "retrieve" ? checkRetrieve(input) : checkWrite(op, input);
        // The checked copy carries exactly what was passed.
        expect(checked).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });
});
