/**
 * Every answer the simulator gives must validate against the spec's 200 schema, and every error
 * code it uses must be either listed in the spec's header comment or marked simulator-chosen.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSpecValidator,
  IYZICO_ERRORS,
  loadSpec,
  startIyzicoSimulator,
  type IyzicoSimulator,
  type JsonValue,
} from "../../../src/index.ts";
import { IYZICO_STATEFUL_OPERATIONS } from "../../../src/providers/iyzico/simulator.ts";
import { IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS } from "../../../src/providers/iyzico/subscriptions.ts";
import { call } from "./sign.ts";

const spec = loadSpec("iyzico");
const validator = createSpecValidator(spec);
const _operation = (path: string) => {
  const op = spec.operations.find((o) => o.path === path);
  if (!op) throw new Error(`spec has no ${path}`);
  return op;
};

let sim: IyzicoSimulator;
beforeAll(async () => {
  sim = await startIyzicoSimulator();
});
afterAll(() => sim.close());

describe("responses conform to specs/iyzico.yaml", () => {
  it("covers every operation the simulator runs against its ledger, successes and failures", async () => {
    const p = sim.seedPayment({
      basketId: "B",
      conversationId: "o",
      items: [
        { id: "a", price: "10.0" },
        { id: "b", price: "5.5" },
      ],
    });
    const q = sim.seedPayment({ items: [{ id: "a", price: "3.0" }] });
    const tx = p.items[0]?.paymentTransactionId;
    const card = { cardHolderName: "J", cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030", cvc: "123" };
    const buyer = {
      id: "B",
      name: "J",
      surname: "D",
      identityNumber: "1",
      email: "e",
      registrationAddress: "a",
      city: "c",
      country: "t",
      ip: "1.1.1.1",
    };
    const address = { contactName: "J", city: "c", country: "t", address: "a" };
    const basketItems = [{ id: "i", name: "n", category1: "c", itemType: "VIRTUAL", price: "2.0" }];
    const cases: [string, object | undefined, ("GET" | "POST" | "DELETE")?][] = [
      ["/payment/test", undefined],
      ["/payment/refund", { paymentTransactionId: tx, price: "1.5", conversationId: "c" }],
      ["/payment/refund", { paymentTransactionId: tx, price: "100.0" }],
      ["/payment/refund", { paymentTransactionId: tx }],
      ["/v2/payment/refund", { paymentId: p.paymentId, price: "2.0" }],
      ["/v2/payment/refund", { paymentId: "0", price: "2.0" }],
      ["/payment/cancel", { paymentId: q.paymentId }],
      ["/payment/cancel", { paymentId: q.paymentId }],
      ["/payment/detail", { paymentId: p.paymentId }],
      ["/payment/detail", { paymentId: q.paymentId, locale: "en" }],
      [`/v2/reporting/payment/details?paymentId=${p.paymentId}&locale=tr&conversationId=rc`, undefined],
      [`/v2/reporting/payment/details?paymentConversationId=o`, undefined],
      [`/v2/reporting/payment/details?paymentId=${q.paymentId}`, undefined],
      ["/v2/reporting/payment/details?locale=en", undefined],
      ["/payment/auth", { price: "2.0", paidPrice: "2.2", installment: 2, paymentCard: card, buyer, billingAddress: address, basketItems }],
      [
        "/payment/auth",
        {
          price: "2.0",
          paidPrice: "2.2",
          installment: 1,
          paymentCard: { ...card, cardNumber: "4111111111111129" },
          buyer,
          billingAddress: address,
          basketItems,
        },
      ],
      ["/payment/bin/check", { binNumber: "554960" }],
      ["/payment/bin/check", { binNumber: "41834200" }],
      ["/payment/iyzipos/installment", { price: "99.99" }],
      [
        "/payment/preauth",
        {
          price: "2.0",
          paidPrice: "2.0",
          installment: 1,
          paymentCard: card,
          buyer,
          billingAddress: address,
          basketItems,
          conversationId: "pre",
        },
      ],
      ["/payment/postauth", { paymentId: q.paymentId, paidPrice: "1.5" }],
      ["/payment/postauth", { paymentId: p.paymentId }],
      [
        "/payment/3dsecure/initialize",
        {
          price: "2.0",
          paidPrice: "2.0",
          installment: 1,
          paymentCard: card,
          buyer,
          billingAddress: address,
          basketItems,
          callbackUrl: "http://127.0.0.1:1/cb",
        },
      ],
      [
        "/payment/3dsecure/initialize/preauth",
        {
          price: "2.0",
          paidPrice: "2.0",
          installment: 1,
          paymentCard: card,
          buyer,
          billingAddress: address,
          basketItems,
          callbackUrl: "http://127.0.0.1:1/cb",
        },
      ],
      // Without the bank's callback the auth calls fail; flows.test.ts runs them to success.
      ["/payment/3dsecure/auth", { paymentId: p.paymentId, conversationData: "x" }],
      ["/payment/v2/3dsecure/auth", { paymentId: "1", paidPrice: "2.0", basketId: "B", currency: "TRY" }],
      [
        "/payment/iyzipos/checkoutform/initialize/auth/ecom",
        { price: "2.0", paidPrice: "2.0", callbackUrl: "http://127.0.0.1:1/cb", buyer, billingAddress: address, basketItems },
      ],
      [
        "/payment/iyzipos/checkoutform/initialize/preauth/ecom",
        { price: "2.0", paidPrice: "2.0", callbackUrl: "http://127.0.0.1:1/cb", buyer, billingAddress: address, basketItems },
      ],
      ["/payment/iyzipos/checkoutform/auth/ecom/detail", { token: "unknown" }],
      [
        "/cardstorage/card",
        {
          email: "a@b.c",
          externalId: "x",
          card: { cardAlias: "a", cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030" },
        },
      ],
      ["/cardstorage/card", { email: "a@b.c", card: { cardNumber: "5528790000000009", expireMonth: "12", expireYear: "2030" } }],
      ["/cardstorage/cards", { cardUserKey: "sim-card-user-1" }],
      ["/cardstorage/cards", { cardUserKey: "nobody" }],
      ["/cardstorage/card", { cardUserKey: "sim-card-user-1", cardToken: "sim-card-token-2" }, "DELETE"],
      ["/cardstorage/card", { cardUserKey: "sim-card-user-1", cardToken: "sim-card-token-2" }, "DELETE"],
      [`/v2/reporting/payment/transactions?transactionDate=${new Date().toISOString().slice(0, 10)}&page=1`, undefined, "GET"],
    ];
    const seen = new Set<string>();
    for (const [path, body, method] of cases) {
      const { json } = await call(sim, path, body, method ? { method } : {});
      const op = spec.operations.find((o) => o.operationId === sim.requests.at(-1)?.operationId);
      expect(op, path).toBeDefined();
      seen.add(op!.operationId);
      expect(validator.response(op!, json as JsonValue), `${path} ${JSON.stringify(json)}`).toBeUndefined();
    }
    // The operations the simulator runs itself; surface.test.ts covers the ones served from the spec,
    // subscriptions.test.ts the subscription catalog.
    const catalog = new Set<string>(IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS);
    const stateful = spec.operations.filter(
      (o) => (IYZICO_STATEFUL_OPERATIONS as readonly string[]).includes(o.operationId) && !catalog.has(o.operationId),
    );
    expect([...seen].sort()).toEqual(stateful.map((o) => o.operationId).sort());
  });

  it("uses the spec's confirmed codes and messages verbatim", () => {
    // The header comment is a table (code | unified | message | source) whose cells wrap over lines.
    const messages = new Map<string, string>();
    let code = "";
    for (const line of spec.headerComment.split("\n")) {
      const cells = line.split("|");
      if (cells.length < 4) continue;
      if (/^\s*\d+\s*$/.test(cells[0] ?? "")) code = (cells[0] ?? "").trim();
      if (code) messages.set(code, `${messages.get(code) ?? ""} ${cells[2] ?? ""}`.replace(/\s+/g, " "));
    }
    const confirmed = Object.values(IYZICO_ERRORS).filter((e) => e.confirmed);
    expect(confirmed.length).toBeGreaterThan(5);
    for (const entry of confirmed) {
      expect(messages.get(entry.code)?.toLowerCase(), entry.code).toContain(entry.tr.toLowerCase());
    }
  });
});
