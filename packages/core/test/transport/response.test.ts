import { describe, expect, it } from "vitest";
import { OdemeError } from "../../src/errors.ts";
import { outboundFor } from "../../src/transport/outbound.ts";
import type { AuthScheme, ResponseSignatureProblem, SignedOperation } from "../../src/auth/scheme.ts";
import { interpret, parseBody, retryAfterMs, verifyResponseSignature } from "../../src/transport/response.ts";
import type { WireResponse } from "../../src/transport/send.ts";
import { PROVIDER, READ, WRITE } from "./fixtures.ts";

const out = outboundFor(PROVIDER.secretFields);
const PAN = "5528790000000008";

function run(op: typeof READ, res: WireResponse): unknown {
  return interpret(PROVIDER, out, op, res, parseBody(res.text));
}

function failure(op: typeof READ, res: WireResponse): OdemeError {
  try {
    run(op, res);
  } catch (e) {
    expect(e).toBeInstanceOf(OdemeError);
    return e as OdemeError;
  }
  throw new Error("expected a throw");
}

const json = (text: string, status = 200): WireResponse => ({ status, contentType: "application/json", text });

describe("parseBody", () => {
  it("parses once, keeping integers beyond 2^53 exact", () => {
    expect(parseBody('{"id":7440022202222222022}')).toEqual({ parsed: true, body: { id: "7440022202222222022" } });
    expect(parseBody("<html>")).toEqual({ parsed: false, body: undefined });
    expect(parseBody("  ")).toEqual({ parsed: false, body: undefined });
  });
});

describe("interpret", () => {
  it("a success by the envelope's rule is the result", () => {
    expect(run(READ, json('{"status":"ok","a":1}'))).toEqual({ status: "ok", a: 1 });
  });

  it("a failure envelope maps the provider's code through the spec's table", () => {
    expect(failure(READ, json('{"status":"no","errorCode":"E1","errorMessage":"gone"}'))).toMatchObject({
      code: "not_found",
      providerCode: "E1",
      providerMessage: "gone",
      outcome: "rejected",
    });
  });

  it("an unreadable 2xx on a write is outcome_unknown; on a read malformed_response", () => {
    expect(failure(WRITE, { status: 200, contentType: "text/html", text: "<html>" })).toMatchObject({
      code: "outcome_unknown",
      outcome: "unknown",
    });
    expect(failure(READ, { status: 200, contentType: "text/html", text: "<html>" })).toMatchObject({
      code: "malformed_response",
      retryable: true,
    });
  });

  it("masks before it cuts: a card number across the message's and raw's cut leaks no prefix (issue 10.1)", () => {
    for (const at of [112, 492]) {
      const page = `<p>${"y".repeat(at - 3)}${PAN}</p>${"z".repeat(600)}`;
      const e = failure(WRITE, { status: 500, contentType: "text/html", text: page });
      const shown = JSON.stringify(e) + e.message + String(e.stack);
      expect(shown).not.toContain(PAN.slice(0, 8));
      expect(shown).not.toContain(PAN.slice(0, 7));
    }
  });

  it("ids marked bigint come back as strings even when small", () => {
    const op = { ...READ, bigint: ["id"] };
    expect(run(op, json('{"status":"ok","id":12}'))).toEqual({ status: "ok", id: "12" });
  });
});

describe("retryAfterMs", () => {
  it("reads delay-seconds and an HTTP date, never negative; anything else is no hint", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(retryAfterMs("30", now)).toBe(30_000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
    expect(retryAfterMs("Tue, 01 Dec 2026 10:00:05 GMT", now)).toBe(5_000);
    expect(retryAfterMs("Tue, 01 Dec 2026 09:00:00 GMT", now)).toBe(0);
    for (const bad of [undefined, "", "soon", "-5", "1.5"]) expect(retryAfterMs(bad, now)).toBeUndefined();
  });
});

describe("verifyResponseSignature", () => {
  const SIGNED = { fields: ["id", "amount"], decimals: ["amount"] };
  /** A scheme that answers `problem` and records what it was asked to verify. */
  function scheme(problem: ResponseSignatureProblem | undefined) {
    const asked: { op: SignedOperation; body: unknown }[] = [];
    const auth: AuthScheme = {
      async verifyResponse(op, body) {
        asked.push({ op, body });
        return problem;
      },
    };
    return { auth, asked };
  }
  const check = (op: typeof READ, auth: AuthScheme, body: unknown = { status: "ok", id: "1", amount: 2, pin: "1234" }) =>
    verifyResponseSignature(PROVIDER, out, op, auth, 200, body);

  it("asks the scheme only for an operation that declares a signature", async () => {
    const { auth, asked } = scheme("mismatch");
    await expect(check(READ, auth)).resolves.toBeUndefined();
    expect(asked).toEqual([]);
    await expect(check({ ...READ, responseSignature: SIGNED }, {})).resolves.toBeUndefined();
  });

  it("a signature that holds lets the answer through, and the scheme sees the operation's fields", async () => {
    const { auth, asked } = scheme(undefined);
    await expect(check({ ...WRITE, responseSignature: SIGNED }, auth)).resolves.toBeUndefined();
    expect(asked[0]?.op.responseSignature).toEqual(SIGNED);
  });

  it("on a write a bad signature is response_signature_invalid with outcome unknown: look it up, never re-send", async () => {
    const e = await rejection(() => check({ ...WRITE, responseSignature: SIGNED }, scheme("mismatch").auth));
    expect(e).toMatchObject({
      code: "response_signature_invalid",
      outcome: "unknown",
      retryable: false,
      provider: "acme",
      operation: "refund",
      status: 200,
    });
    expect(e.message).toBe(
      "Acme refund: the answer's signature does not match its fields (signed over id, amount), so it cannot be trusted and whether the operation was applied is unknown. Look the payment up by its own reference before retrying; never re-send it blindly.",
    );
    // The body is kept for diagnosis, with secrets masked.
    expect(JSON.stringify(e.raw)).not.toContain("1234");
  });

  it("on a read a missing signature is response_signature_invalid, rejected: the read changed nothing", async () => {
    const e = await rejection(() => check({ ...READ, responseSignature: SIGNED }, scheme("missing").auth));
    expect(e).toMatchObject({ code: "response_signature_invalid", outcome: "rejected", retryable: false, operation: "detail" });
    expect(e.message).toMatch(
      /^Acme detail: the answer's signature is missing \(signed over id, amount\), so its content cannot be trusted/,
    );
  });
});

async function rejection(fn: () => Promise<unknown>): Promise<OdemeError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OdemeError);
    return e as OdemeError;
  }
  throw new Error("expected a rejection");
}
