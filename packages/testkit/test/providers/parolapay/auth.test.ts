import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startParolapaySimulator, type ParolapaySimulator } from "../../../src/providers/parolapay/index.ts";
import { basicAuthValid } from "../../../src/providers/parolapay/auth.ts";
import { basic, call } from "./http.ts";

describe("HTTP Basic auth", () => {
  it("basicAuthValid accepts exactly username:password (a colon in the password is part of it)", () => {
    const creds = { username: "merchant", password: "pa:ss" };
    expect(basicAuthValid(basic("merchant", "pa:ss"), creds)).toBe(true);
    expect(basicAuthValid(basic("merchant", "pa:sS"), creds)).toBe(false);
    expect(basicAuthValid(basic("merchanT", "pa:ss"), creds)).toBe(false);
    expect(basicAuthValid(basic("merchant", "pa"), creds)).toBe(false);
    expect(basicAuthValid(`basic ${Buffer.from("merchant:pa:ss").toString("base64")}`, creds)).toBe(true);
    expect(basicAuthValid(`Bearer ${Buffer.from("merchant:pa:ss").toString("base64")}`, creds)).toBe(false);
    expect(basicAuthValid(`Basic ${Buffer.from("merchantpa").toString("base64")}`, creds)).toBe(false);
    expect(basicAuthValid(undefined, creds)).toBe(false);
  });

  describe("over HTTP", () => {
    let sim: ParolapaySimulator;
    beforeEach(async () => {
      sim = await startParolapaySimulator();
    });
    afterEach(() => sim.close());

    it("valid credentials pass", async () => {
      const { status, json } = await call(sim, "/parolapay/health");
      expect(status).toBe(200);
      expect(json).toEqual({ status: "ok" });
      expect(sim.requests.at(-1)).toMatchObject({ operationId: "healthCheck", applied: true, status: 200 });
    });

    it("a wrong password is a 401 with the spec's error body and a Basic challenge", async () => {
      const { status, json, headers } = await call(sim, "/parolapay/health", undefined, { password: "wrong" });
      expect(status).toBe(401);
      expect(json).toEqual({ error: { code: "unauthorized", message: "Invalid username or password" } });
      expect(headers.get("www-authenticate")).toBe('Basic realm="Parolapay", charset="UTF-8"');
      expect(sim.requests.at(-1)).toMatchObject({ operationId: "healthCheck", applied: false, status: 401 });
    });

    it("a wrong username or no Authorization header is a 401", async () => {
      expect((await call(sim, "/payment/types", undefined, { username: "someone" })).status).toBe(401);
      expect((await call(sim, "/payment/types", undefined, { noAuth: true })).status).toBe(401);
    });

    it("auth is checked before the body: an unauthenticated refund changes nothing", async () => {
      const intent = sim.seedIntent({ amount: 10_000 });
      const { status } = await call(
        sim,
        "/parolapay/refund",
        { intent_id: intent.intentId, amount: 100, currency: "TRY" },
        { password: "x" },
      );
      expect(status).toBe(401);
      expect(sim.ledger.refunds).toHaveLength(0);
      expect((await call(sim, "/parolapay/refund", {}, { password: "x" })).json).toMatchObject({ error: { code: "unauthorized" } });
    });

    it("custom credentials replace the sandbox ones", async () => {
      const other = await startParolapaySimulator({ credentials: { username: "u", password: "p" } });
      try {
        expect((await call(other, "/parolapay/health")).status).toBe(200);
        expect((await call(other, "/parolapay/health", undefined, { username: "sim-merchant", password: "sim-password" })).status).toBe(
          401,
        );
      } finally {
        await other.close();
      }
    });
  });
});
