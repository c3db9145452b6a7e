/**
 * Leak scan, personal data: writes that carry a buyer (identity number, e-mail, names, phone,
 * address) and a card, through each generated client that sends them, against a provider that
 * refuses and echoes the request. The log events must show none of it (the fields each spec
 * declares in x-odeme-sensitive, the card by name and by Luhn), and neither must the error.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createDineroPayClient } from "../../packages/dineropay/src/index.ts";
import { createIyzicoClient } from "../../packages/iyzico/src/index.ts";
import { createParolapayClient } from "../../packages/parolapay/src/index.ts";
import { createPaywallClient } from "../../packages/paywall/src/index.ts";
import { outputForms, SECRETS, thrown } from "./harness.ts";

const PERSON = {
  identityNumber: "74300864791",
  email: "ayse.yilmaz@example.com",
  name: "Ayşe Nur",
  surname: "Yılmazoğlu",
  fullName: "Ayşe Nur Yılmazoğlu",
  phone: "+905350000000",
  address: "Nidakule Göztepe, Merdivenköy Mah. Bora Sok. No:1",
};
const CARD = { number: "5528790000000008", cvc: "739" };
const VALUES = [...Object.values(PERSON), CARD.number];

const base = "http://provider.test";
let forms = 0;
let hits = 0;
afterAll(() =>
  console.log(
    `leak scan (personal data): 4 writes, ${forms} output forms searched for ${VALUES.length} personal and card values: ${hits} hits`,
  ),
);

/** A provider that refuses and echoes the JSON it got, structured, inside its error body. */
const refuseEcho = async (request: Request) =>
  Response.json(
    { status: "failure", errorCode: "12", error_code: 12, ErrorCode: 12, echo: JSON.parse(await request.text()) },
    { status: 400 },
  );

const CASES: [string, (logger: (e: unknown) => void) => Promise<unknown>][] = [
  [
    "iyzico createPayment (buyer, addresses, card)",
    (logger) =>
      createIyzicoClient({ ...SECRETS.iyzico, baseUrl: base, fetch: refuseEcho, logger }).createPayment({
        price: "1.0",
        paidPrice: "1.0",
        installment: 1,
        paymentCard: { cardHolderName: PERSON.fullName, cardNumber: CARD.number, expireYear: "2030", expireMonth: "12", cvc: CARD.cvc },
        buyer: {
          id: "B1",
          name: PERSON.name,
          surname: PERSON.surname,
          identityNumber: PERSON.identityNumber,
          email: PERSON.email,
          gsmNumber: PERSON.phone,
          registrationAddress: PERSON.address,
          city: "Istanbul",
          country: "Turkey",
          ip: "85.34.78.112",
        },
        shippingAddress: { contactName: PERSON.fullName, city: "Istanbul", country: "Turkey", address: PERSON.address },
        billingAddress: { contactName: PERSON.fullName, city: "Istanbul", country: "Turkey", address: PERSON.address },
        basketItems: [{ id: "I1", name: "Binocular", category1: "Optics", itemType: "PHYSICAL", price: "1.0" }],
      } as never),
  ],
  [
    "Paywall startDirectPayment (card owner, customer)",
    (logger) =>
      createPaywallClient({ ...SECRETS.paywall, baseUrl: base, fetch: refuseEcho, logger }).startDirectPayment({
        PaymentDetail: { Amount: 1, MerchantUniqueCode: "order-p-1", CurrencyId: 1, Installment: 1, ClientIP: "203.0.113.10" },
        Card: { OwnerName: PERSON.fullName, Number: CARD.number, ExpireMonth: "12", ExpireYear: "2030", Cvv: CARD.cvc },
        Customer: {
          FullName: PERSON.fullName,
          Phone: PERSON.phone,
          Email: PERSON.email,
          Country: "Turkey",
          City: "Istanbul",
          Address: PERSON.address,
          IdentityNumber: PERSON.identityNumber,
        },
        Products: [{ ProductId: "P1", ProductName: "Book", ProductCategory: "Books", ProductDescription: "Paperback", ProductAmount: 1 }],
      } as never),
  ],
  [
    "DineroPay createSession (customer, billing address)",
    (logger) =>
      createDineroPayClient({ ...SECRETS.dineropay, baseUrl: base, fetch: refuseEcho, logger }).createSession({
        operation: "purchase",
        order: { number: "order-d-1", amount: "1.00", currency: "TRY", description: "gift" },
        customer: { name: PERSON.fullName, email: PERSON.email },
        billing_address: { country: "TR", city: "Istanbul", address: PERSON.address, phone: PERSON.phone },
        success_url: "https://merchant.test/ok",
      } as never),
  ],
  [
    "Parolapay createPayment (customer, card)",
    (logger) =>
      createParolapayClient({ ...SECRETS.parolapay, baseUrl: base, fetch: refuseEcho, logger }).payWithCardNumber({
        merchant_ref: "order-pp-1",
        amount: 100,
        currency: "TRY",
        card: { card_holder: PERSON.fullName, card_number: CARD.number, card_expiry: "12/30", card_cvv: CARD.cvc },
        customer: { fullname: PERSON.fullName, email: PERSON.email, phone: PERSON.phone },
        billing_address: { address: PERSON.address, city: "Istanbul", country: "TR" },
      } as never),
  ],
];

describe("personal and card data in log events and errors", () => {
  it.each(CASES)("%s", async (_title, run) => {
    const events: unknown[] = [];
    const error = await thrown(() => run((e) => events.push(e)));
    expect(events.length, "the request was logged").toBeGreaterThan(0);
    const found: string[] = [];
    for (const [form, text] of outputForms(error, events)) {
      forms += 1;
      for (const value of VALUES) if (text.includes(value)) found.push(`${form}: ${value}`);
    }
    hits += found.length;
    expect(found).toEqual([]);
  });
});
