/**
 * Every error code a simulator can answer, held against its spec's x-odeme-errors, so that a
 * simulator and its spec cannot drift: the codes are collected from the simulators' own error
 * tables (errors.ts, and iyzico's declined sandbox cards), so a new code there that the spec does
 * not list fails here until it is listed, or named below with the reason the spec leaves it out.
 */
import { describe, expect, it } from "vitest";
import { DINEROPAY_ERRORS } from "../../src/providers/dineropay/errors.ts";
import { DECLINED_CARDS } from "../../src/providers/iyzico/catalog.ts";
import { IYZICO_ERRORS } from "../../src/providers/iyzico/errors.ts";
import { PAROLAPAY_ERRORS } from "../../src/providers/parolapay/errors.ts";
import { PAYWALL_ERRORS } from "../../src/providers/paywall/errors.ts";
import { providerIds } from "../../src/providers/index.ts";
import { SIPAY_WALLET_ERRORS, SIPAY_WALLET_OTHER_CODES } from "../../src/providers/sipay-wallet/errors.ts";
import { isObject, loadSpec, type JsonObject } from "../../src/spec.ts";

/** One code a simulator answers with; `unified` where its table says what the client should make of it. */
interface Answered {
  key: string;
  code: string;
  unified?: string;
}

const rows = (table: Record<string, { code: string | number; unified?: string; proposed?: string }>): Answered[] =>
  Object.entries(table).map(([key, entry]) => {
    const unified = entry.unified ?? entry.proposed;
    return { key, code: String(entry.code), ...(unified !== undefined ? { unified } : {}) };
  });

const ANSWERED: Record<string, Answered[]> = {
  iyzico: [
    ...rows(IYZICO_ERRORS),
    ...Object.entries(DECLINED_CARDS).map(([card, d]) => ({ key: `declined card ${card}`, code: d.errorCode })),
  ],
  paywall: rows(PAYWALL_ERRORS),
  dineropay: rows(DINEROPAY_ERRORS),
  parolapay: rows(PAROLAPAY_ERRORS),
  "sipay-wallet": [...rows(SIPAY_WALLET_ERRORS), ...rows(SIPAY_WALLET_OTHER_CODES)],
};

/**
 * Codes a simulator answers that its spec deliberately does not list, and why. The client then
 * maps them by HTTP status (a 4xx) or, inside an HTTP 200 failure envelope, to provider_error.
 */
const UNLISTED: Record<string, Record<string, string>> = {
  iyzico: {
    "10051": "a card decline (NOT_SUFFICIENT_FUNDS) in the HTTP 200 failure envelope: provider_error, the caller reads errorGroup",
  },
  paywall: {},
  dineropay: { "404": "a path DineroPay does not have: HTTP 404, not_found by status" },
  // Parolapay documents no error codes; the spec lists all of the simulator's, marked inferred.
  parolapay: {},
  "sipay-wallet": {
    unsupported_grant_type: "an OAuth2 error of getToken, HTTP 400: invalid_request by status",
    invalid_request: "an OAuth2 error of getToken, HTTP 400: invalid_request by status",
  },
};

/** The spec's x-odeme-errors: the document's, then each operation's overrides. */
function specErrors(id: string): { global: JsonObject; anywhere: Set<string> } {
  const spec = loadSpec(id);
  const global = isObject(spec.document["x-odeme-errors"]) ? spec.document["x-odeme-errors"] : {};
  const anywhere = new Set(Object.keys(global));
  for (const op of spec.operations) {
    const own = op.raw["x-odeme-errors"];
    if (isObject(own)) for (const code of Object.keys(own)) anywhere.add(code);
  }
  return { global, anywhere };
}

/** The simulator's codes that the spec does not list and that are not named as deliberately unlisted. */
function missingCodes(answered: Answered[], listed: Set<string>, unlisted: Record<string, string>): string[] {
  return answered.filter((a) => !listed.has(a.code) && unlisted[a.code] === undefined).map((a) => `${a.key} (${a.code})`);
}

describe("every error code a simulator answers is in its spec's x-odeme-errors", () => {
  it("fails on a code a simulator answers that its spec neither lists nor names as unlisted", () => {
    const { anywhere } = specErrors("parolapay");
    const invented: Answered = { key: "newRule", code: "a_code_no_spec_lists", unified: "invalid_request" };
    expect(missingCodes([...(ANSWERED.parolapay ?? []), invented], anywhere, UNLISTED.parolapay ?? {})).toEqual([
      "newRule (a_code_no_spec_lists)",
    ]);
  });

  it("covers every registered provider", () => {
    expect(Object.keys(ANSWERED).sort()).toEqual(providerIds());
    expect(Object.keys(UNLISTED).sort()).toEqual(providerIds());
  });

  describe.each(providerIds())("%s", (id) => {
    const answered = ANSWERED[id] ?? [];
    const unlisted = UNLISTED[id] ?? {};
    const { global, anywhere } = specErrors(id);

    it("lists every code the simulator's error table can answer, or names it as deliberately unlisted", () => {
      expect(answered.length).toBeGreaterThan(0);
      expect(missingCodes(answered, anywhere, unlisted), `codes ${id}'s simulator answers that specs/${id}.yaml does not list`).toEqual([]);
    });

    it("names no code as unlisted that the spec lists or the simulator never answers", () => {
      const codes = new Set(answered.map((a) => a.code));
      for (const code of Object.keys(unlisted)) {
        expect(anywhere.has(code), `${code} is listed in specs/${id}.yaml`).toBe(false);
        expect(codes.has(code), `${code} is not in ${id}'s error table`).toBe(true);
      }
    });

    it("maps each code to the unified code the simulator's table intends", () => {
      for (const a of answered) {
        if (a.unified === undefined || global[a.code] === undefined) continue;
        expect(global[a.code], `${id} ${a.key} (${a.code})`).toBe(a.unified);
      }
    });
  });
});
