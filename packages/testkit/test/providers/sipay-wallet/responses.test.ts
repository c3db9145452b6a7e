/**
 * Every answer the Sipay Wallet simulator gives must validate against specs/sipay-wallet.yaml:
 * successes and business failures (HTTP 200) against the 200 schema, 400s against the BadRequest
 * schema, token errors against OAuthError; and the CLI's demo data is usable as printed.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpecValidator, loadSpec, type JsonObject, type JsonValue } from "../../../src/index.ts";
import { SIPAY_WALLET_ERRORS, startSipayWalletSimulator, type SipayWalletSimulator } from "../../../src/providers/sipay-wallet/index.ts";
import { api, paymentBody, requestToken, token } from "./http.ts";

const spec = loadSpec("sipay-wallet");
const validator = createSpecValidator(spec);
const schemas = (spec.document.components as JsonObject).schemas as JsonObject;
// The BadRequest response schema with its refs pointing into the document.
const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: "spec", components: { schemas } } as object);
const validateBadRequest = ajv.compile({
  anyOf: [{ $ref: "spec#/components/schemas/ValidationErrorEnvelope" }, { $ref: "spec#/components/schemas/AspNetValidationProblem" }],
});
const validateOAuthError = ajv.compile({ $ref: "spec#/components/schemas/OAuthError" });

let sim: SipayWalletSimulator;
beforeAll(async () => {
  sim = await startSipayWalletSimulator();
});
afterAll(() => sim.close());

describe("responses conform to specs/sipay-wallet.yaml", () => {
  it("covers every operation of the spec, successes and failures", async () => {
    const bearer = await token(sim);
    expect((await requestToken(sim, { client_secret: "x" })).json).toSatisfy((j: unknown) => validateOAuthError(j) === true);
    const payment = sim.seedPayment({ amount: "100.00", extTransactionId: "PAY" });
    const refund = (ext: string, amount: number | string, tx = payment.transactionId) => ({
      tx_correlation_id: tx,
      ext_transaction_id: ext,
      currency_code: "TRY",
      refund_amount: amount,
    });
    const cases: [string, object][] = [
      ["/v1/Transaction/Payment", paymentBody(sim, 10, "P-1")],
      ["/v1/Transaction/Payment", paymentBody(sim, 10, "P-1")],
      ["/v1/Transaction/Payment", paymentBody(sim, 10, "P-2", { receiver_wallet_number: "0" })],
      ["/v1/Transaction/Payment", paymentBody(sim, 10, "")],
      ["/v1/Transaction/RefundPaymentInstant", refund("R-1", 10)],
      ["/v1/Transaction/RefundPaymentInstant", refund("R-2", 1000)],
      ["/v1/Transaction/RefundPaymentInstant", refund("R-3", 1, "XXX1234X")],
      ["/v1/Transaction/RefundPaymentInstant", refund("R-4", -1)],
      ["/v1/Transaction/RefundPayment", refund("R-5", 90)],
      ["/v1/Transaction/RefundPayment", refund("R-6", 1)],
      ["/v1/Transaction/RefundPayment", refund("R-7", 1, "1234567890123456789")],
      ["/v1/TransactionData/TransactionReceipt", { id: payment.transactionId }],
      ["/v1/TransactionData/TransactionReceipt", { id: "1234567890123456789" }],
      ["/v1/TransactionData/SummaryRecordByFilter", { ext_transaction_id: "R-1" }],
      ["/v1/TransactionData/SummaryRecordByFilter", {}],
      ["/v1/wallet/info", { wallet_number: sim.wallets.personal.walletNumber }],
      ["/v1/wallet/info", { wallet_number: "0" }],
      ["/v1/wallet/info", {}],
    ];
    const seen = new Set<string>(["getToken"]);
    const statuses = new Set<string>();
    for (const [path, body] of cases) {
      const { status, json } = await api(sim, path, body, bearer);
      const op = spec.operations.find((o) => o.path === path);
      if (!op) throw new Error(`no operation for ${path}`);
      seen.add(op.operationId);
      statuses.add(`${status}/${String(json.status)}`);
      if (status === 200) {
        expect(validator.response(op, json as JsonValue), `${path} ${JSON.stringify(json)}`).toBeUndefined();
        if (json.status === 2) expect(Object.values(SIPAY_WALLET_ERRORS).map((e) => e.code)).toContain(json.code);
      } else {
        expect(status, path).toBe(400);
        expect(validateBadRequest(json), `${path} ${JSON.stringify(json)}`).toBe(true);
      }
    }
    // Success, business failure, 999 and ASP.NET binding answers were all checked.
    expect([...statuses].sort()).toEqual(["200/0", "200/2", "400/1", "400/400"]);
    expect([...seen].sort()).toEqual(spec.operations.map((o) => o.operationId).sort());
    // The token response itself.
    const tokenOp = spec.operations.find((o) => o.operationId === "getToken");
    if (!tokenOp) throw new Error("no getToken");
    expect(validator.response(tokenOp, (await requestToken(sim)).json as JsonValue)).toBeUndefined();
  });

  it("reset-after applies the refund before the connection dies", async () => {
    const bearer = await token(sim);
    const payment = sim.seedPayment({ amount: "5.00" });
    sim.faults.inject({ kind: "reset-after" }, { route: "/v1/Transaction/RefundPaymentInstant" });
    const body = { tx_correlation_id: payment.transactionId, ext_transaction_id: "reset-1", currency_code: "TRY", refund_amount: 1 };
    await expect(api(sim, "/v1/Transaction/RefundPaymentInstant", body, bearer)).rejects.toThrow();
    expect(sim.ledger.transactionByExtId("reset-1")).toMatchObject({ amount: 100, txCorrelationId: payment.transactionId });
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refundPaymentInstant", applied: true, fault: "reset-after" });
  });
});

describe("cli: sim sipay-wallet --json", () => {
  it("prints one JSON line with url, credentials and the seeded payments, which the simulator serves", async () => {
    const root = fileURLToPath(new URL("../../../../../", import.meta.url));
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "packages/testkit/src/cli.ts", "sipay-wallet", "--json"], {
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
      const line = stdout.slice(0, stdout.indexOf("\n"));
      const info = JSON.parse(line) as {
        provider: string;
        url: string;
        credentials: { clientId: string; clientSecret: string };
        payments: { transaction_id: string; ext_transaction_id: string; amount: string }[];
        wallets: { wallet_number: string; account_number: string; type: string }[];
      };
      expect(info).toMatchObject({
        provider: "sipay-wallet",
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        credentials: { clientId: "sim-client-id", clientSecret: "sim-client-secret" },
      });
      expect(info.payments.length).toBeGreaterThanOrEqual(2);
      const [first] = info.payments;
      // The 19-digit id is printed as a JSON string, so a script's JSON.parse keeps every digit.
      expect(line).toContain(`"transaction_id":"${first?.transaction_id}"`);
      expect(first).toMatchObject({
        transaction_id: expect.stringMatching(/^\d{19}$/),
        ext_transaction_id: "DEMO-PAY-1001",
        amount: "100.00",
      });
      expect(info.wallets.map((w) => w.type)).toEqual(["personal", "business"]);

      const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: info.credentials.clientId,
        client_secret: info.credentials.clientSecret,
        scope: "sts_api",
      });
      const tokenResponse = (await (await fetch(`${info.url}/connect/token`, { method: "POST", body: form })).json()) as {
        access_token: string;
      };
      const refund = await fetch(`${info.url}/v1/Transaction/RefundPaymentInstant`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokenResponse.access_token}`, "content-type": "application/json" },
        body: JSON.stringify({
          tx_correlation_id: first?.transaction_id,
          ext_transaction_id: "cli-r-1",
          currency_code: "TRY",
          refund_amount: 1,
        }),
      });
      expect(await refund.json()).toMatchObject({
        status: 0,
        code: "100",
        payload: { ext_transaction_id: "cli-r-1", transaction_amount: 1 },
      });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
  });
});
