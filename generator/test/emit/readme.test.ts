import ts from "typescript";
import { describe, expect, it } from "vitest";
import { emitReadme } from "../../src/emit/readme.ts";
import type { OperationModel, ProviderModel } from "../../src/model.ts";
import { modelOf } from "../helpers.ts";

const MINI = modelOf("mini.yaml");
const DUO = modelOf("duo.yaml");
const REASON = "The docs name a refund but show no path; follows /api/private/inquiry.";

function withOps(base: ProviderModel, change: Record<string, Partial<OperationModel>>, rest: Partial<ProviderModel> = {}): ProviderModel {
  const m = structuredClone(base);
  m.operations = m.operations.map((o) => ({ ...o, ...change[o.id] }));
  return { ...m, ...rest };
}

/** Rows of the "## Operations" table as cells. */
function operationRows(md: string): string[][] {
  const section = md.split("\n## Operations\n")[1]?.split("\n## ")[0] ?? "";
  return section
    .split("\n")
    .filter((l) => l.startsWith("| [`"))
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

/** The ```ts block under `### <id>`. */
function example(md: string, id: string): string | undefined {
  const section = md.split(`\n### ${id}\n`)[1]?.split("\n### ")[0]?.split("\n## ")[0];
  return section?.match(/```ts\n([\s\S]*?)\n```/)?.[1];
}

/** Syntax errors of an example, as a reader would paste it into an async function. */
function exampleErrors(code: string): string[] {
  const r = ts.transpileModule(`declare const client: any;\nexport async function run() {\n${code}\n}\n`, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  });
  return (r.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("emitReadme: every operation with method, path and an example", () => {
  const cases: [string, { model: ProviderModel; want: { rows: string[][]; examples: Record<string, string> } }][] = [
    [
      "mini",
      {
        model: MINI,
        want: {
          rows: [
            ["[`createPayment`](#createpayment)", "POST", "`/payment/create`", "api", "write"],
            ["[`getPayment`](#getpayment)", "GET", "`/payment/detail`", "api", "read"],
          ],
          examples: {
            createPayment:
              'const result = await mini.createPayment({\n  conversationId: "c-1",\n  price: "10.5",\n  cardNumber: "5528790000000008",\n});',
            getPayment: 'const result = await mini.getPayment({ header: { "x-payment-id": "…" } });',
          },
        },
      },
    ],
    [
      "duo",
      {
        model: DUO,
        want: {
          rows: [
            ["[`startPayment`](#startpayment)", "POST", "`/api/payment/start`", "payment", "write"],
            ["[`listBanks`](#listbanks)", "GET", "`/api/payment/banks`", "payment", "read"],
            ["[`refund`](#refund)", "POST", "`/api/private/refund`", "private", "write, **unverified**"],
            ["[`inquirePayment`](#inquirepayment)", "GET", "`/api/private/inquiry`", "private", "read"],
          ],
          examples: {
            listBanks: "const result = await duo.listBanks();",
            // No example in the spec: a minimal body of the required fields, the amount as MinorUnits.
            refund: 'const result = await duo.refund({\n  PaymentId: "…",\n  Amount: minorUnits(1),\n});',
            inquirePayment: 'const result = await duo.inquirePayment({ header: { merchantuniquecode: "…" }, query: { lang: "tr" } });',
          },
        },
      },
    ],
  ];

  it.each(cases)("%s", (_title, { model, want }) => {
    const md = emitReadme(model);
    expect(operationRows(md)).toEqual(want.rows);
    for (const op of model.operations) {
      const code = example(md, op.id);
      expect(code, `an example for ${op.id}`).toBeDefined();
      expect(code).toContain(`.${op.id}(`);
      expect(md.split(`\n### ${op.id}\n`)[1]).toContain(`\`${op.method.toUpperCase()} ${op.path}\``);
    }
    for (const [id, code] of Object.entries(want.examples)) expect(example(md, id)).toBe(code);
  });

  // A reader copies these; a parameter name with a dash (mini's `x-payment-id` header, a
  // `page-size` query) must be written as a quoted key.
  it.each([
    ["mini", MINI],
    ["duo", DUO],
    [
      "a query parameter with a dash",
      withOps(DUO, {
        inquirePayment: {
          queryParams: [{ name: "page-size", required: false }],
          example: { header: {}, query: { "page-size": 10 }, moneyParams: [] },
        },
      }),
    ],
  ] as const)("every example parses as TypeScript: %s", (_title, model) => {
    const md = emitReadme(model);
    for (const op of model.operations) expect(exampleErrors(example(md, op.id)!), op.id).toEqual([]);
  });
});

describe("emitReadme: unverified operations", () => {
  it("lists inferred operations with their reason, in the table and at the operation", () => {
    const md = emitReadme(DUO);
    const section = md.split("\n## Unverified operations\n")[1]?.split("\n## ")[0]?.split("\n### ")[0];
    expect(section).toBeDefined();
    expect(section!.split("\n").filter((l) => l.startsWith("- "))).toEqual([`- \`refund\` (POST \`/api/private/refund\`): ${REASON}`]);
    expect(md.split("\n### refund\n")[1]).toContain(`> Unverified: ${REASON}`);
  });

  it("has no unverified section when nothing is inferred", () => {
    const md = emitReadme(MINI);
    expect(md).not.toMatch(/unverified/i);
  });
});

describe("emitReadme: operations whose answers are signed", () => {
  const SIGNED = { fields: ["paymentId", "price"], decimals: ["price"] };

  it("marks them in the table and says what is checked and how to turn it off", () => {
    const md = emitReadme(withOps(MINI, { createPayment: { responseSignature: SIGNED } }));
    expect(operationRows(md).map((r) => [r[0], r[4]])).toEqual([
      ["[`createPayment`](#createpayment)", "write, signed answer"],
      ["[`getPayment`](#getpayment)", "read"],
    ]);
    const note = md
      .split("\n## Operations\n")[1]
      ?.split("\n## ")[0]
      ?.split("\n")
      .filter((l) => l.startsWith("_signed answer_"));
    expect(note).toEqual([
      "_signed answer_: the client checks the `signature` Mini Pay puts in the answer and throws `response_signature_invalid` when it is missing or wrong (`verifyResponseSignatures: false` turns the check off).",
    ]);
  });

  it("says nothing of signatures when no answer is signed", () => {
    expect(emitReadme(MINI)).not.toMatch(/signed answer|response_signature_invalid/);
  });

  it("says nothing of signatures under an auth scheme that does not verify answers", () => {
    const md = emitReadme(withOps(DUO, Object.fromEntries(DUO.operations.map((op) => [op.id, { responseSignature: SIGNED }]))));
    expect(md).not.toMatch(/signed answer|response_signature_invalid/);
  });
});

describe("emitReadme: the rest of the page", () => {
  const cases: [string, { model: ProviderModel; want: { has: string[]; hasNot: string[] } }][] = [
    [
      "mini: iyzws-v2 credentials, major units, an error table",
      {
        model: MINI,
        want: {
          has: [
            "# @odeme/mini",
            "npm i @odeme/mini",
            'import { createMiniClient, OdemeError } from "@odeme/mini";',
            "  apiKey: process.env.MINI_API_KEY!,",
            "  secretKey: process.env.MINI_SECRET_KEY!,",
            '  environment: "sandbox", // sandbox | live',
            "| sandbox | `https://sandbox-api.mini.test` |",
            "Amount fields are `DecimalString`s in major units",
            "at most 8",
            "| `10051` | `provider_error` |",
            "| `5092` | `amount_exceeds_refundable` |",
          ],
          hasNot: ["MinorUnits", "a field error"],
        },
      },
    ],
    [
      "duo: header credentials, two hosts, minor units",
      {
        model: DUO,
        want: {
          has: [
            "  apiKeyPublic: process.env.DUO_API_KEY_PUBLIC!,",
            "  apiKeyPrivate: process.env.DUO_API_KEY_PRIVATE!,",
            "  apiClientPrivate: process.env.DUO_API_CLIENT_PRIVATE!,",
            "| environment | payment | private |",
            "| live | `https://pay.duo.test` | `https://private.duo.test` |",
            "Amount fields are `MinorUnits`",
            "| `56` | `not_found` |",
          ],
          hasNot: ["DecimalString"],
        },
      },
    ],
    [
      "no error codes",
      {
        model: withOps(MINI, {}, { errors: {} }),
        want: {
          has: [
            "_The provider documents no error codes. A provider code: in an HTTP 2xx answer `provider_error`; in any other answer the code of its HTTP status",
          ],
          hasNot: ["| provider code |"],
        },
      },
    ],
    [
      "field errors that decide the code (envelope details.fieldCodes)",
      {
        model: withOps(
          MINI,
          {},
          {
            envelope: {
              ...MINI.envelope,
              details: { path: "errors", shape: "field-map", fieldCodes: { hash: "authentication", card: "invalid_request" } },
            },
          },
        ),
        want: {
          has: [
            "Whatever the provider code, a field error (in `fieldErrors`) on `hash` makes the failure `authentication`; on `card`, `invalid_request`.",
          ],
          hasNot: [],
        },
      },
    ],
  ];

  it.each(cases)("%s", (_title, { model, want }) => {
    const md = emitReadme(model);
    for (const s of want.has) expect(md).toContain(s);
    for (const s of want.hasNot) expect(md).not.toContain(s);
  });

  it.each([
    ["mini", MINI],
    ["duo", DUO],
  ] as const)("%s: starts with the generated header as an HTML comment", (_title, model) => {
    expect(emitReadme(model).split("\n")[0]).toBe(
      `<!-- Generated by odeme-gen from ${model.specFile}. Do not edit: change the spec and run \`pnpm generate\`. -->`,
    );
  });
});

describe("emitReadme: examples typed as the client takes them", () => {
  const body = (md: string, id: string) => example(md, id) ?? "";

  it("writes major-unit amounts as decimal strings, even where the spec's example has a number", () => {
    const model = withOps(MINI, {
      createPayment: { example: { body: { price: 10.5, conversationId: "c-1" }, header: {}, query: {}, moneyParams: [] } },
    });
    expect(body(emitReadme(model), "createPayment")).toContain('price: "10.5",');
  });

  it("writes minor-unit amounts with minorUnits(), nested and in arrays, and imports it", () => {
    const md = emitReadme(DUO);
    expect(body(md, "startPayment")).toContain("amount: minorUnits(1500),");
    expect(body(md, "startPayment")).toContain("price: minorUnits(1500),");
    expect(md).toContain('import { createDuoPayClient, OdemeError, minorUnits } from "@odeme/duo";');
  });

  it("leaves out the fields the auth scheme fills (merchant key and hash), and says so", () => {
    const model = withOps(
      MINI,
      { createPayment: { example: { body: { merchant_key: "k", hash: "h", price: "1.00" }, header: {}, query: {}, moneyParams: [] } } },
      { auth: { scheme: "akurateco-hash", keyField: "merchant_key", hashField: "hash" } },
    );
    const md = emitReadme(model);
    expect(body(md, "createPayment")).not.toMatch(/merchant_key|hash/);
    expect(md.split("\n### createPayment\n")[1]).toContain("`merchant_key` and `hash` are filled in by the client.");
  });

  it("writes a money parameter as the client's amount type", () => {
    const model = withOps(DUO, {
      inquirePayment: { example: { header: { merchantuniquecode: "m-1" }, query: { lang: 5 }, moneyParams: ["lang"] } },
    });
    expect(body(emitReadme(model), "inquirePayment")).toBe(
      'const result = await duo.inquirePayment({ header: { merchantuniquecode: "m-1" }, query: { lang: minorUnits(5) } });',
    );
  });
});

describe("emitReadme: path parameters", () => {
  const withPath = (body: "json" | "none") =>
    withOps(MINI, {
      createPayment: {
        path: "/payment/{paymentId}/items/{item-id}",
        body,
        pathParams: [
          { name: "paymentId", required: true },
          { name: "item-id", required: true },
        ],
        example: {
          ...(body === "json" ? { body: { price: "1.0" } } : {}),
          header: {},
          query: {},
          path: { paymentId: "42", "item-id": "i-1" },
          moneyParams: [],
        },
      },
    });

  it("passes them as input.path beside the body, a dashed name quoted", () => {
    expect(example(emitReadme(withPath("json")), "createPayment")).toBe(
      'const result = await mini.createPayment({\n  path: { paymentId: "42", "item-id": "i-1" },\n  body: {\n    price: "1.0",\n  },\n});',
    );
  });

  it("without a body: input.path alone, and the example parses", () => {
    const code = example(emitReadme(withPath("none")), "createPayment") ?? "";
    expect(code).toBe('const result = await mini.createPayment({ path: { paymentId: "42", "item-id": "i-1" } });');
    expect(exampleErrors(code)).toEqual([]);
  });
});

describe("emitReadme: environments that cannot surprise", () => {
  it("a provider whose hosts are placeholders: baseUrl in the example, no environment, and why", () => {
    const model = withOps(MINI, {}, { environments: {}, placeholderEnvironments: ["sandbox", "live"] });
    delete model.defaultEnvironment;
    const md = emitReadme(model);
    expect(md).toContain("  baseUrl: process.env.MINI_BASE_URL!, // required: Mini Pay publishes no API hosts");
    expect(md).not.toMatch(/environment: "/);
    expect(md).toContain("`baseUrl` is required. Mini Pay publishes no API hosts");
  });

  it("a provider with only a live environment: named explicitly, with a warning", () => {
    const model = withOps(MINI, {}, { environments: { live: { api: "https://api.mini.test" } } });
    delete model.defaultEnvironment;
    const md = emitReadme(model);
    expect(md).toContain('  environment: "live", // the only environment: real payments');
    expect(md).toContain("so the client has no default");
  });

  it("never points at a simulator port where nothing listens", () => {
    for (const model of [MINI, DUO]) expect(emitReadme(model)).not.toMatch(/127\.0\.0\.1:\d+|localhost:\d+/);
  });

  it("links the spec shipped in the package, not one outside it", () => {
    for (const model of [MINI, DUO]) {
      const md = emitReadme(model);
      expect(md).toContain("](./openapi.yaml)");
      expect(md).not.toContain("](../");
    }
  });
});
