import { describe, expect, it } from "vitest";
import { buildModel, type OperationModel, type ProviderModel } from "../src/model.ts";
import { validateSpec } from "../src/validate.ts";
import { loadFixture, type Edit } from "./helpers.ts";

type Fixture = "mini.yaml" | "duo.yaml";
interface Given {
  fixture: Fixture;
  edits?: Edit[];
}

/** The model of a fixture after `edits`; the edited spec must still be valid (or the row tests nothing). */
function model({ fixture, edits = [] }: Given): ProviderModel {
  const spec = loadFixture(fixture, edits);
  validateSpec(spec);
  return buildModel(spec);
}

function operation(given: Given, id: string): OperationModel {
  const op = model(given).operations.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
}

const MINI: Given = { fixture: "mini.yaml" };
const DUO: Given = { fixture: "duo.yaml" };
const PRICE = "price: { type: string, pattern: '^[0-9]+(\\.[0-9]+)?$', x-odeme-money: true }";
/** Adds a component schema to mini.yaml (before Payment). */
const schema = (yaml: string): Edit => ["    Payment:\n", `    ${yaml}\n    Payment:\n`];
const mini = (...edits: Edit[]): Given => ({ fixture: "mini.yaml", edits });

describe("money: request fields the runtime formats to the wire", () => {
  const cases: [string, { given: Given; op: string; want: string[] }][] = [
    ["a property of a $ref'd request schema", { given: MINI, op: "createPayment", want: ["price"] }],
    [
      "array items through $ref (items[].price) and nested through $ref and allOf (order.amount)",
      { given: DUO, op: "startPayment", want: ["items[].price", "order.amount"] },
    ],
    ["an inline request schema", { given: DUO, op: "refund", want: ["Amount"] }],
    ["an operation without a body", { given: MINI, op: "getPayment", want: [] }],
    [
      "a form body",
      {
        given: mini([
          "application/json:\n            schema: { $ref: '#/components/schemas/CreatePaymentRequest' }",
          "application/x-www-form-urlencoded:\n            schema: { $ref: '#/components/schemas/CreatePaymentRequest' }",
        ]),
        op: "createPayment",
        want: ["price"],
      },
    ],
    [
      "a money field in a response only",
      { given: mini(["errorMessage: { type: string }", "refunded: { type: string, x-odeme-money: true }"]), op: "getPayment", want: [] },
    ],
    [
      "a property that $refs a money schema",
      {
        given: mini([PRICE, "price: { $ref: '#/components/schemas/Amount' }"], schema("Amount: { type: string, x-odeme-money: true }")),
        op: "createPayment",
        want: ["price"],
      },
    ],
    // OAS 3.1 allows siblings of $ref. schema.ts types this field DecimalString (openapi-typescript
    // passes the property node, flag included), but the runtime is never told to format it.
    [
      "a $ref with x-odeme-money beside it",
      {
        given: mini(
          [PRICE, "price: { $ref: '#/components/schemas/Decimal', x-odeme-money: true }"],
          schema("Decimal: { type: string, pattern: '^[0-9]+$' }"),
        ),
        op: "createPayment",
        want: ["price"],
      },
    ],
    // The 3.0 idiom for "a $ref plus a description": schema.ts types it DecimalString too.
    [
      "an allOf-wrapped $ref to a money schema",
      {
        given: mini(
          [PRICE, "price: { allOf: [{ $ref: '#/components/schemas/Amount' }], description: The total. }"],
          schema("Amount: { type: string, x-odeme-money: true }"),
        ),
        op: "createPayment",
        want: ["price"],
      },
    ],
    // schema.ts types it DecimalString[]; core's mapPath walks `prices[]` to each element.
    [
      "an array of amounts",
      {
        given: mini(
          [PRICE, "prices: { type: array, items: { type: string, x-odeme-money: true } }"],
          ["required: [price]", "required: [prices]"],
        ),
        op: "createPayment",
        want: ["prices[]"],
      },
    ],
  ];

  it.each(cases)("%s", (_title, { given, op, want }) => {
    expect(operation(given, op).money).toEqual(want);
  });
});

describe("bigint: response fields that must never pass through a JS number", () => {
  const cases: [string, { given: Given; op: string; want: string[] }][] = [
    ["a 200 schema by $ref", { given: MINI, op: "createPayment", want: ["paymentId"] }],
    ["the same schema on a GET", { given: MINI, op: "getPayment", want: ["paymentId"] }],
    ["nested in an inline allOf (Body.PaymentId)", { given: DUO, op: "inquirePayment", want: ["Body.PaymentId"] }],
    ["a bigint in the request body is not a response path", { given: DUO, op: "refund", want: [] }],
    ["a 200 by $ref to components/responses without bigints", { given: DUO, op: "startPayment", want: [] }],
  ];

  it.each(cases)("%s", (_title, { given, op, want }) => {
    expect(operation(given, op).bigint).toEqual(want);
  });
});

describe("secret field names (redacted in logs and errors)", () => {
  const cases: [string, { given: Given; want: string[] }][] = [
    ["mini: a flagged property", { given: MINI, want: ["cardNumber"] }],
    ["duo: flagged properties of an inline object, sorted", { given: DUO, want: ["Cvv", "Number"] }],
    [
      "x-odeme-secret beside a $ref",
      {
        given: mini(
          ["cardNumber: { type: string, x-odeme-secret: true }", "cardNumber: { $ref: '#/components/schemas/Pan', x-odeme-secret: true }"],
          schema("Pan: { type: string }"),
        ),
        want: ["cardNumber"],
      },
    ],
    // Money follows a $ref to a flagged schema (see above); a secret must too, or a card number leaks into logs.
    [
      "a property that $refs a secret schema",
      {
        given: mini(
          ["cardNumber: { type: string, x-odeme-secret: true }", "cardNumber: { $ref: '#/components/schemas/Pan' }"],
          schema("Pan: { type: string, x-odeme-secret: true }"),
        ),
        want: ["cardNumber"],
      },
    ],
  ];

  it.each(cases)("%s", (_title, { given, want }) => {
    expect(model(given).secretFields).toEqual(want);
  });
});

describe("sensitive fields by kind (x-odeme-sensitive)", () => {
  const ROOT = "x-odeme-auth: { scheme: iyzws-v2 }\nx-odeme-sensitive:\n  personal: [email, buyer.name]\n  card: [cvc]";
  it("joins the root lists with the flagged properties; secretFields is their union", () => {
    const m = model(mini(["x-odeme-auth: { scheme: iyzws-v2 }", ROOT]));
    expect(m.sensitive).toEqual({ secret: ["cardNumber"], card: ["cvc"], personal: ["buyer.name", "email"] });
    expect(m.secretFields).toEqual(["buyer.name", "cardNumber", "cvc", "email"]);
  });

  it("takes a property-level kind", () => {
    const m = model(mini(["cardNumber: { type: string, x-odeme-secret: true }", "cardNumber: { type: string, x-odeme-sensitive: card }"]));
    expect(m.sensitive).toEqual({ secret: [], card: ["cardNumber"], personal: [] });
  });

  it("lists the client options that hold credentials", () => {
    expect(model(MINI).credentials).toEqual(["apiKey", "secretKey"]);
  });
});

describe("header and query parameters", () => {
  const OP_PARAM =
    "      parameters:\n        - name: x-payment-id\n          in: header\n          required: true\n          description: The paymentId returned by createPayment.\n          schema: { type: string }\n";
  const PATH_PARAM = (required: boolean): Edit => [
    "  /payment/detail:\n    get:",
    `  /payment/detail:\n    parameters:\n      - { name: x-payment-id, in: header, required: ${required}, schema: { type: string } }\n    get:`,
  ];
  const cases: [string, { given: Given; op: string; want: Pick<OperationModel, "headerParams" | "queryParams"> }][] = [
    [
      "mini: one required header",
      { given: MINI, op: "getPayment", want: { headerParams: [{ name: "x-payment-id", required: true }], queryParams: [] } },
    ],
    [
      "duo: a required header and an optional query",
      {
        given: DUO,
        op: "inquirePayment",
        want: { headerParams: [{ name: "merchantuniquecode", required: true }], queryParams: [{ name: "lang", required: false }] },
      },
    ],
    ["an operation without parameters", { given: MINI, op: "createPayment", want: { headerParams: [], queryParams: [] } }],
    [
      "a parameter by $ref to components/parameters",
      {
        given: mini(
          [OP_PARAM, "      parameters:\n        - $ref: '#/components/parameters/PaymentId'\n"],
          [
            "components:\n",
            "components:\n  parameters:\n    PaymentId: { name: x-payment-id, in: header, required: true, schema: { type: string } }\n",
          ],
        ),
        op: "getPayment",
        want: { headerParams: [{ name: "x-payment-id", required: true }], queryParams: [] },
      },
    ],
    [
      "a path-level parameter",
      {
        given: mini([OP_PARAM, ""], PATH_PARAM(true)),
        op: "getPayment",
        want: { headerParams: [{ name: "x-payment-id", required: true }], queryParams: [] },
      },
    ],
    // OAS: an operation's parameter overrides the path-level one with the same name and location.
    // Listing it twice makes the README example `{ "x-payment-id": "…", "x-payment-id": "…" }`,
    // which does not compile, and sends the name twice in the definition's headerParams.
    [
      "an operation parameter overriding a path-level one",
      {
        given: mini(PATH_PARAM(false)),
        op: "getPayment",
        want: { headerParams: [{ name: "x-payment-id", required: true }], queryParams: [] },
      },
    ],
  ];

  it.each(cases)("%s", (_title, { given, op, want }) => {
    const o = operation(given, op);
    expect({ headerParams: o.headerParams, queryParams: o.queryParams }).toEqual(want);
  });
});

describe("operations", () => {
  const REASON = "The docs name a refund but show no path; follows /api/private/inquiry.";
  const cases: [string, { given: Given; op: string; want: Partial<OperationModel> }][] = [
    [
      "an inferred operation carries its reason",
      {
        given: DUO,
        op: "refund",
        want: { inferred: REASON, host: "private", authSet: "private", errors: { "56": "already_refunded" }, safe: false, body: "json" },
      },
    ],
    [
      "an operation that is not inferred has no reason",
      { given: DUO, op: "startPayment", want: { inferred: undefined, host: "payment", authSet: "public", body: "json" } },
    ],
    [
      "an inferred property does not make its operation inferred",
      {
        given: mini([
          "cardNumber: { type: string, x-odeme-secret: true }",
          "cardNumber: { type: string, x-odeme-inferred: true, x-odeme-inferred-reason: guessed }",
        ]),
        op: "createPayment",
        want: { inferred: undefined },
      },
    ],
    [
      "no x-odeme-host: the default host",
      { given: MINI, op: "getPayment", want: { host: "api", safe: true, body: "none", method: "get", path: "/payment/detail" } },
    ],
    [
      "no x-odeme-host with two hosts: the first host",
      { given: DUO, op: "listBanks", want: { host: "payment", safe: true, body: "none" } },
    ],
    ["x-odeme-host", { given: DUO, op: "inquirePayment", want: { host: "private" } }],
    [
      "no summary: the operationId",
      { given: mini(["      summary: Create a payment\n", ""]), op: "createPayment", want: { summary: "createPayment" } },
    ],
    [
      "the request example is kept for the README",
      {
        given: MINI,
        op: "createPayment",
        want: { requestExample: { conversationId: "c-1", price: "10.5", cardNumber: "5528790000000008" } },
      },
    ],
    [
      "the first of several named examples",
      {
        given: DUO,
        op: "startPayment",
        want: {
          requestExample: {
            order: { id: "order-1", amount: 1500 },
            items: [{ name: "Book", price: 1500 }],
            card: { Number: "4111111111111111", Cvv: "000" },
          },
        },
      },
    ],
  ];

  it.each(cases)("%s", (_title, { given, op, want }) => {
    const o = operation(given, op);
    for (const [key, value] of Object.entries(want)) expect(o[key as keyof OperationModel], key).toEqual(value);
  });

  it("keeps the spec's order of operations", () => {
    expect(model(DUO).operations.map((o) => o.id)).toEqual(["startPayment", "listBanks", "refund", "inquirePayment"]);
  });
});

describe("provider", () => {
  const cases: [string, { given: Given; want: Partial<ProviderModel> }][] = [
    [
      "mini: one host, a default environment, iyzws-v2",
      {
        given: MINI,
        want: {
          id: "mini",
          name: "Mini Pay",
          client: "Mini",
          docs: "https://docs.mini.test",
          specFile: "generator/test/fixtures/mini.yaml",
          defaultHost: "api",
          hosts: ["api"],
          defaultEnvironment: "sandbox",
          environments: { sandbox: { api: "https://sandbox-api.mini.test" }, live: { api: "https://api.mini.test" } },
          auth: { scheme: "iyzws-v2" },
          envelope: { success: { field: "status", equals: "success" }, code: "errorCode", message: "errorMessage" },
          money: { unit: "major", wire: "string", minFractionDigits: 1, maxFractionDigits: 8 },
          errors: { "10051": "provider_error", "5092": "amount_exceeds_refundable" },
        },
      },
    ],
    [
      "duo: two hosts, headers auth, minor units",
      {
        given: DUO,
        want: {
          defaultHost: "payment",
          hosts: ["payment", "private"],
          auth: {
            scheme: "headers",
            sets: {
              public: { apikeypublic: "apiKeyPublic" },
              private: { apikeyprivate: "apiKeyPrivate", apiclientprivate: "apiClientPrivate" },
            },
          },
          envelope: { success: { field: "ErrorCode", equals: 0 }, code: "ErrorCode", message: "Message" },
          money: { unit: "minor", wire: "number" },
          errors: { "4": "duplicate", "56": "not_found" },
        },
      },
    ],
    [
      "defaults when the optional extensions are left out",
      {
        given: mini(
          ["x-odeme-default-environment: sandbox\n", ""],
          ["x-odeme-envelope:\n  success: { field: status, equals: success }\n  code: errorCode\n  message: errorMessage\n", ""],
          ["x-odeme-money:\n  unit: major\n  wire: string\n  minFractionDigits: 1\n  maxFractionDigits: 8\n", ""],
          ['x-odeme-errors:\n  "10051": provider_error\n  "5092": amount_exceeds_refundable\n', ""],
        ),
        want: { envelope: {}, money: { unit: "major", wire: "string" }, errors: {} },
      },
    ],
  ];

  it.each(cases)("%s", (_title, { given, want }) => {
    expect(model(given)).toMatchObject(want);
  });

  it("has no default environment unless the spec names one", () => {
    expect(model(DUO).defaultEnvironment).toBeUndefined();
  });

  // RFC 2606: `.invalid` never resolves, so such hosts stand for ones nobody published.
  it.each([
    [
      "every host a placeholder: no environment at all",
      [
        ["sandbox: { api: https://sandbox-api.mini.test }", "sandbox: { api: https://sandbox.mini.invalid }"],
        ["live: { api: https://api.mini.test }", "live: { api: https://api.mini.invalid }"],
      ],
      {},
      ["sandbox", "live"],
      undefined,
    ],
    [
      "one placeholder environment: the other stays, and the default with it",
      [["live: { api: https://api.mini.test }", "live: { api: https://api.mini.invalid:8443/v1 }"]],
      { sandbox: { api: "https://sandbox-api.mini.test" } },
      ["live"],
      "sandbox",
    ],
  ] as const)("environments with .invalid hosts are not offered: %s", (_title, edits, environments, placeholders, defaultEnvironment) => {
    const m = model({ fixture: "mini.yaml", edits: edits.map(([a, b]) => [a, b] as const) });
    expect(m.environments).toEqual(environments);
    expect(m.placeholderEnvironments).toEqual(placeholders);
    expect(m.defaultEnvironment).toBe(defaultEnvironment);
    expect(m.hosts).toEqual(["api"]);
  });
});

describe("path parameters", () => {
  // getPayment moved to a templated path with two placeholders, declared in the opposite order.
  const TEMPLATED: Edit[] = [
    ["  /payment/detail:\n    get:", "  /payment/{paymentId}/items/{itemId}:\n    get:"],
    [
      "      parameters:\n        - name: x-payment-id",
      "      parameters:\n        - { name: itemId, in: path, required: true, schema: { type: string }, example: item-1 }\n        - { name: paymentId, in: path, required: true, schema: { type: string, example: '42' } }\n        - name: x-payment-id",
    ],
  ];

  it("lists the placeholders in template order, all required", () => {
    expect(operation(mini(...TEMPLATED), "getPayment").pathParams).toEqual([
      { name: "paymentId", required: true },
      { name: "itemId", required: true },
    ]);
  });

  it("gives each an example value: the parameter's example, else its schema's", () => {
    expect(operation(mini(...TEMPLATED), "getPayment").example.path).toEqual({ paymentId: "42", itemId: "item-1" });
  });

  it("an operation without placeholders has none, and no path example", () => {
    const o = operation(mini(...TEMPLATED), "createPayment");
    expect(o.pathParams).toEqual([]);
    expect(o.example.path).toBeUndefined();
  });
});

describe("buildModel: x-odeme-response-signature", () => {
  const SIGNED: Edit[] = [
    [
      "      x-odeme-host: api\n",
      "      x-odeme-host: api\n      x-odeme-response-signature: { fields: [paymentId, status], decimals: [paymentId], source: a document }\n",
    ],
    [
      "        paymentId: { type: string, pattern: '^[0-9]+$', x-odeme-bigint: true }",
      "        paymentId: { type: string, pattern: '^[0-9]+$', x-odeme-bigint: true }\n        signature: { type: string }",
    ],
  ];

  it("keeps the fields and decimals, in order, and leaves the citation in the spec", () => {
    expect(operation(mini(...SIGNED), "createPayment").responseSignature).toEqual({
      fields: ["paymentId", "status"],
      decimals: ["paymentId"],
    });
  });

  it("is absent where the spec declares none", () => {
    expect(operation(mini(...SIGNED), "getPayment").responseSignature).toBeUndefined();
    expect(operation(MINI, "createPayment")).not.toHaveProperty("responseSignature");
  });
});
