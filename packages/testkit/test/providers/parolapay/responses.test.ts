/**
 * Every answer the Parolapay simulator gives must validate against specs/parolapay.yaml: successes
 * against the operation's 200 schema, failures against the spec's ErrorBody; and the CLI's demo
 * data is usable as printed.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpecValidator, loadSpec, type JsonObject, type JsonValue } from "../../../src/index.ts";
import { PAROLAPAY_ERRORS, startParolapaySimulator, type ParolapaySimulator } from "../../../src/providers/parolapay/index.ts";
import { basic, CARD, call, createBody } from "./http.ts";

const spec = loadSpec("parolapay");
const validator = createSpecValidator(spec);
const errorSchema = ((spec.document.components as JsonObject).schemas as JsonObject).ErrorBody as JsonObject;
const validateError = new Ajv2020({ strict: false }).compile(errorSchema);

let sim: ParolapaySimulator;
beforeAll(async () => {
  sim = await startParolapaySimulator();
});
afterAll(() => sim.close());

describe("responses conform to specs/parolapay.yaml", () => {
  it("covers every operation of the spec, successes and failures", async () => {
    const captured = sim.seedIntent({ amount: 10_000 });
    const card = sim.seedCardPayment({ amount: 5_000 });
    const authCard = sim.seedCardPayment({ amount: 5_000, state: "authorized" });
    const created = await call(sim, "/parolapay/pay", createBody(2_000));
    const pending = String(created.json.id);
    const saved = await call(sim, "/card/storage/save", { ...CARD, customer: { external_id: "c-1" } });
    const token = String(saved.json.card_token);
    type Case = [path: string, body?: object, method?: "GET" | "POST" | "DELETE"];
    const cases: Case[] = [
      ["/payment/types"],
      [
        "/card/pay",
        {
          ...CARD,
          order_reference: "o",
          order: { total: 100, items: [{ product_id: 1, product_name: "x", price: 100, amount: 1, total: 100 }] },
        },
      ],
      ["/card/pay", { ...CARD, card_number: "4000000000000002", order_reference: "o", order: { total: 100 } }],
      ["/card/pay/token", { card_token: token, order_reference: "o", order: { total: 100 } }],
      ["/card/status", { payment_reference: card.paymentReference }],
      ["/card/status", { payment_reference: "NOPE" }],
      ["/card/refund", { payment_reference: card.paymentReference, amount: 100 }],
      ["/card/refund", { payment_reference: card.paymentReference, amount: 100_000 }],
      ["/card/complete", { payment_reference: authCard.paymentReference }],
      ["/card/void", { payment_reference: authCard.paymentReference }],
      ["/card/void", { payment_reference: card.paymentReference }],
      ["/card/storage/list", { customer: { external_id: "c-1" } }],
      ["/card/storage/get", { card_token: token }],
      ["/card/storage/save", { ...CARD, customer: { external_id: "c-2", fullname: "F", email: "e@x", phone: "1" } }],
      ["/card/storage/delete", { card_token: token }, "DELETE"],
      ["/card/storage/delete", { card_token: token }, "DELETE"],
      ["/query/bin", { bin: "52845600", total: 1200 }],
      ["/query/installments", { bin: "979209" }],
      ["/parolapay/pay", createBody(100, { card_number: "1234" })],
      ["/parolapay/otp/verify", { intent_id: pending, otp: "000000" }],
      [`/parolapay/otp/resend?intent_id=${pending}`],
      ["/parolapay/otp/verify", { intent_id: pending, otp: sim.otp }],
      ["/parolapay/capture", { intent_id: pending, amount: 1_500 }],
      ["/parolapay/capture", { intent_id: pending }],
      ["/parolapay/refund", { intent_id: captured.intentId, amount: 1_500, currency: "TRY", merchant_ref: "r" }],
      ["/parolapay/refund", { intent_id: captured.intentId, amount: 1_500, currency: "TRY", merchant_ref: "r" }],
      ["/parolapay/refund", { intent_id: captured.intentId, amount: 999_999, currency: "TRY" }],
      ["/parolapay/cancel", { intent_id: captured.intentId }],
      ["/parolapay/cancel", { intent_id: pending }],
      ["/parolapay/status", { intent_id: captured.intentId }],
      [`/parolapay/payment-status?merchant_ref=${encodeURIComponent(captured.merchantRef)}`],
      ["/parolapay/payment-status?merchant_ref=unknown"],
      ["/parolapay/health"],
    ];
    const seen = new Set<string>();
    let failures = 0;
    for (const [path, body, method] of cases) {
      const { status, json } = await call(sim, path, body, method ? { method } : {});
      const op = spec.operations.find(
        (o) => o.path === path.split("?")[0] && o.method.toUpperCase() === (method ?? (body ? "POST" : "GET")),
      );
      if (!op) throw new Error(`no operation for ${path}`);
      seen.add(op.operationId);
      if (status === 200) {
        expect(validator.response(op, json as JsonValue), `${path} ${JSON.stringify(json)}`).toBeUndefined();
      } else {
        failures += 1;
        expect(status, path).toBeGreaterThanOrEqual(400);
        expect(validateError(json), `${path} ${JSON.stringify(json)}`).toBe(true);
        expect(Object.values(PAROLAPAY_ERRORS).map((e) => e.code)).toContain((json.error as { code: string }).code);
      }
    }
    expect(failures).toBeGreaterThan(5);
    expect([...seen].sort()).toEqual(spec.operations.map((o) => o.operationId).sort());
  });

  it("reset-after applies the write before the connection dies", async () => {
    const intent = sim.seedIntent({ amount: 1_000 });
    sim.faults.inject({ kind: "reset-after" }, { route: "/parolapay/refund" });
    await expect(call(sim, "/parolapay/refund", { intent_id: intent.intentId, amount: 100, currency: "TRY" })).rejects.toThrow();
    expect(sim.ledger.intent(intent.intentId)?.amountRefunded).toBe(100);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: true, fault: "reset-after" });
  });
});

describe("cli: sim parolapay --json", () => {
  it("prints one JSON line with url, credentials and the seeded intents, which the simulator serves", async () => {
    const root = fileURLToPath(new URL("../../../../../", import.meta.url));
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "packages/testkit/src/cli.ts", "parolapay", "--json"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", () => stdout.includes("\n") && resolve());
        void exited.then(() => reject(new Error("exited before printing")));
      });
      const info = JSON.parse(stdout.slice(0, stdout.indexOf("\n"))) as {
        provider: string;
        url: string;
        credentials: { username: string; password: string };
        payments: { intent_id: string; merchant_ref: string; amount: number; status: string }[];
        card_payments: { payment_reference: string }[];
        otp: string;
      };
      expect(info).toMatchObject({
        provider: "parolapay",
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        credentials: { username: "sim-merchant", password: "sim-password" },
        otp: "123456",
      });
      expect(info.payments.length).toBeGreaterThanOrEqual(2);
      expect(info.payments[0]).toMatchObject({
        intent_id: expect.stringMatching(/^pi_[0-9a-f]{24}$/),
        merchant_ref: expect.any(String),
        status: "captured",
      });
      const [first] = info.payments;
      const response = await fetch(`${info.url}/parolapay/refund`, {
        method: "POST",
        headers: { authorization: basic(info.credentials.username, info.credentials.password), "content-type": "application/json" },
        body: JSON.stringify({ intent_id: first?.intent_id, amount: 100, currency: "TRY" }),
      });
      expect(await response.json()).toMatchObject({ intent_id: first?.intent_id, amount: 100, status: "succeeded" });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
  });
});
