import ts from "typescript";
import { describe, expect, it } from "vitest";
import { defineOperations, type OperationSpec } from "@odeme/core";
import { emitClient, emitIndex } from "../../src/emit/client.ts";
import type { OperationModel, ProviderModel } from "../../src/model.ts";
import { modelOf } from "../helpers.ts";

const MINI = modelOf("mini.yaml");
const DUO = modelOf("duo.yaml");

/** A copy of `base` with some operations changed (for shapes the fixtures do not have). */
function withOps(base: ProviderModel, change: Record<string, Partial<OperationModel>>, rest: Partial<ProviderModel> = {}): ProviderModel {
  const m = structuredClone(base);
  m.operations = m.operations.map((o) => ({ ...o, ...change[o.id] }));
  return { ...m, ...rest };
}

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile("client.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** What a syntax check finds (the generated file must at least parse). */
function syntaxErrors(code: string): string[] {
  const r = ts.transpileModule(code, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return (r.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

interface Method {
  params: string[];
  returns: string;
  docs: string;
  body: string;
}

/** The methods of a generated client: declared in its interface, put on the prototype from the operation table. */
function methodsOf(code: string, className: string): Map<string, Method> {
  const sf = parse(code);
  const cls = sf.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className);
  if (!cls) throw new Error(`no class ${className}`);
  const declared = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === className);
  if (!declared) throw new Error(`no interface ${className}`);
  // The one statement that puts them on the prototype (the class's static block).
  const block = cls.members.find(ts.isClassStaticBlockDeclaration);
  const body = block?.body.statements.map((s) => s.getText(sf)).join("\n") ?? "";
  const out = new Map<string, Method>();
  for (const m of declared.members) {
    if (!ts.isMethodSignature(m)) continue;
    out.set(m.name.getText(sf), {
      params: m.parameters.map((p) => p.getText(sf)),
      returns: m.type?.getText(sf) ?? "",
      docs: ts
        .getJSDocCommentsAndTags(m)
        .map((d) => d.getText(sf))
        .join("\n"),
      body,
    });
  }
  return out;
}

function typeAlias(code: string, name: string): string | undefined {
  const sf = parse(code);
  const t = sf.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
  return t?.type.getText(sf);
}

function constInitializer(code: string, name: string): ts.Expression {
  const sf = parse(code);
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) if (d.name.getText(sf) === name && d.initializer) return d.initializer;
  }
  throw new Error(`no const ${name}`);
}

/** A literal of plain data (object, array, string, number, boolean, null) read back as a value. */
function literalValue(node: ts.Expression): unknown {
  if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) return literalValue(node.expression);
  if (ts.isObjectLiteralExpression(node)) {
    return Object.fromEntries(
      node.properties.map((p) => {
        if (!ts.isPropertyAssignment(p)) throw new Error(`not plain data: ${p.getText()}`);
        const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : p.name.getText();
        return [key, literalValue(p.initializer)];
      }),
    );
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literalValue);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) return -(literalValue(node.operand) as number);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  throw new Error(`not plain data: ${node.getText()}`);
}

/** The provider definition literal, read back as data. */
function providerLiteral(code: string, name: string): unknown {
  return literalValue(constInitializer(code, name));
}

/** The operation table, read back as data (`defineOperations(defaultHost, { id: {...}, ... } satisfies ...)`). */
function operationTable(code: string, name: string): { defaultHost: unknown; ops: unknown } {
  const init = constInitializer(code, name);
  if (!ts.isCallExpression(init) || init.expression.getText() !== "defineOperations")
    throw new Error(`${name} is not defineOperations(...)`);
  const [host, table] = init.arguments as unknown as [ts.Expression, ts.Expression];
  expect(
    ts.isSatisfiesExpression(table) && table.type.getText(),
    "the table is checked with `satisfies Record<string, OperationSpec>`",
  ).toBe("Record<string, OperationSpec>");
  return { defaultHost: literalValue(host), ops: literalValue(table) };
}

function interfaceMembers(code: string, name: string): string[] {
  const sf = parse(code);
  const i = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!i) throw new Error(`no interface ${name}`);
  return i.members.map((m) => `${m.name?.getText(sf)}${m.questionToken ? "?" : ""}`);
}

describe("emitClient: one method per operation, named from its operationId", () => {
  const cases: [
    string,
    {
      model: ProviderModel;
      cls: string;
      op: string;
      want: { params: string[]; returns: string; argument: "body" | "input" | "none"; input?: string; request?: string };
    },
  ][] = [
    [
      "a JSON body: (body, options)",
      {
        model: MINI,
        cls: "MiniClient",
        op: "createPayment",
        want: {
          params: ["body: CreatePaymentRequest", "options?: CallOptions"],
          returns: "Promise<CreatePaymentResponse>",
          argument: "body",
        },
      },
    ],
    [
      "a header parameter: (input with header, options)",
      {
        model: MINI,
        cls: "MiniClient",
        op: "getPayment",
        want: {
          params: ["input: GetPaymentInput", "options?: CallOptions"],
          returns: "Promise<GetPaymentResponse>",
          argument: "input",
          input: '{ header: operations["getPayment"]["parameters"]["header"] }',
        },
      },
    ],
    [
      "no body and no parameters: (options)",
      {
        model: DUO,
        cls: "DuoPayClient",
        op: "listBanks",
        want: { params: ["options?: CallOptions"], returns: "Promise<ListBanksResponse>", argument: "none" },
      },
    ],
    [
      "a required header and an optional query",
      {
        model: DUO,
        cls: "DuoPayClient",
        op: "inquirePayment",
        want: {
          params: ["input: InquirePaymentInput", "options?: CallOptions"],
          returns: "Promise<InquirePaymentResponse>",
          argument: "input",
          input:
            '{ header: operations["inquirePayment"]["parameters"]["header"]; query?: operations["inquirePayment"]["parameters"]["query"] }',
        },
      },
    ],
    [
      "parameters and a body: the body goes into input",
      {
        model: withOps(MINI, { createPayment: { headerParams: [{ name: "x-idempotency-key", required: false }] } }),
        cls: "MiniClient",
        op: "createPayment",
        want: {
          params: ["input: CreatePaymentInput", "options?: CallOptions"],
          returns: "Promise<CreatePaymentResponse>",
          argument: "input",
          input: '{ header?: operations["createPayment"]["parameters"]["header"]; body: CreatePaymentRequest }',
        },
      },
    ],
    [
      "path parameters: input.path, required, beside the body",
      {
        model: withOps(MINI, { createPayment: { path: "/payment/{paymentId}", pathParams: [{ name: "paymentId", required: true }] } }),
        cls: "MiniClient",
        op: "createPayment",
        want: {
          params: ["input: CreatePaymentInput", "options?: CallOptions"],
          returns: "Promise<CreatePaymentResponse>",
          argument: "input",
          input: '{ path: operations["createPayment"]["parameters"]["path"]; body: CreatePaymentRequest }',
        },
      },
    ],
    [
      "a form body: the request type is the form media type's",
      {
        model: withOps(MINI, { createPayment: { body: "form" } }),
        cls: "MiniClient",
        op: "createPayment",
        want: {
          params: ["body: CreatePaymentRequest", "options?: CallOptions"],
          returns: "Promise<CreatePaymentResponse>",
          argument: "body",
          request:
            'operations["createPayment"]["requestBody"] extends { content: { "application/x-www-form-urlencoded": infer B } } | undefined ? B : never',
        },
      },
    ],
  ];

  it.each(cases)("%s", (_title, { model, cls, op, want }) => {
    const code = emitClient(model);
    const methods = methodsOf(code, cls);
    expect([...methods.keys()]).toEqual(model.operations.map((o) => o.id));
    const m = methods.get(op)!;
    expect(m.params).toEqual(want.params);
    expect(m.returns).toBe(want.returns);
    // Put on the prototype from the table, whose entry says what comes before the options.
    expect(m.body).toBe(
      `addOperationMethods(this.prototype, ${cls[0]!.toLowerCase()}${cls.slice(1).replace(/(Pay)?Client$/, "")}Operations, (client: ${cls}) => client.#transport);`,
    );
    expect((operationTable(code, `${model.id}Operations`).ops as Record<string, { argument?: string }>)[op]!.argument ?? "body").toBe(
      want.argument,
    );
    if (want.input) expect(typeAlias(code, `${op[0]!.toUpperCase()}${op.slice(1)}Input`)).toBe(want.input);
    if (want.request) expect(typeAlias(code, `${op[0]!.toUpperCase()}${op.slice(1)}Request`)).toBe(want.request);
    expect(typeAlias(code, `${op[0]!.toUpperCase()}${op.slice(1)}Response`)).toBe(
      `operations["${op}"]["responses"][200]["content"]["application/json"]`,
    );
    expect(syntaxErrors(code)).toEqual([]);
  });
});

describe("emitClient: each method's JSDoc", () => {
  const UNVERIFIED =
    "**Unverified:** inferred from incomplete Duo Pay documents. The docs name a refund but show no path; follows /api/private/inquiry.";
  const cases: [string, { model: ProviderModel; cls: string; op: string; want: { has: string[]; hasNot: string[] } }][] = [
    [
      "a write: summary, method and path, host, never retried",
      {
        model: MINI,
        cls: "MiniClient",
        op: "createPayment",
        want: {
          has: [
            "* Create a payment",
            "`POST /payment/create` on the `api` host.",
            "A write: never retried after a failure that may have applied it (only a 401 is sent once more, with fresh credentials).",
          ],
          hasNot: ["Unverified"],
        },
      },
    ],
    [
      "a read: no write warning",
      {
        model: MINI,
        cls: "MiniClient",
        op: "getPayment",
        want: { has: ["* Look a payment up", "`GET /payment/detail` on the `api` host."], hasNot: ["A write", "Unverified"] },
      },
    ],
    [
      "an inferred operation: the Unverified note with its reason",
      {
        model: DUO,
        cls: "DuoPayClient",
        op: "refund",
        want: { has: ["`POST /api/private/refund` on the `private` host.", UNVERIFIED], hasNot: [] },
      },
    ],
    [
      "the description after the summary",
      {
        model: DUO,
        cls: "DuoPayClient",
        op: "startPayment",
        want: {
          has: ["* Start a card payment", "Charges the card for the order total; the items must add up to it."],
          hasNot: ["Unverified"],
        },
      },
    ],
    [
      "a summary with */ does not end the comment",
      {
        model: withOps(MINI, { createPayment: { summary: "Pay */ then refund" } }),
        cls: "MiniClient",
        op: "createPayment",
        want: { has: ["Pay *\\/ then refund"], hasNot: [] },
      },
    ],
  ];

  it.each(cases)("%s", (_title, { model, cls, op, want }) => {
    const code = emitClient(model);
    expect(syntaxErrors(code)).toEqual([]);
    const docs = methodsOf(code, cls).get(op)!.docs;
    for (const s of want.has) expect(docs).toContain(s);
    for (const s of want.hasNot) expect(docs).not.toContain(s);
  });
});

describe("emitClient: the provider definition and the operation table", () => {
  const cases: [
    string,
    { model: ProviderModel; provider: string; ops: string; want: { provider: unknown; ops: Record<string, unknown> } },
  ][] = [
    [
      "mini",
      {
        model: MINI,
        provider: "miniProvider",
        ops: "miniOperations",
        want: {
          provider: {
            id: "mini",
            name: "Mini Pay",
            environments: { sandbox: { api: "https://sandbox-api.mini.test" }, live: { api: "https://api.mini.test" } },
            defaultEnvironment: "sandbox",
            defaultHost: "api",
            auth: { scheme: "iyzws-v2" },
            envelope: { success: { field: "status", equals: "success" }, code: "errorCode", message: "errorMessage" },
            money: { unit: "major", wire: "string", minFractionDigits: 1, maxFractionDigits: 8 },
            errors: { "10051": "provider_error", "5092": "amount_exceeds_refundable" },
            secretFields: ["cardNumber"],
            sensitiveFields: { secret: ["cardNumber"], card: [], personal: [] },
            credentials: ["apiKey", "secretKey"],
          },
          ops: {
            createPayment: {
              id: "createPayment",
              method: "post",
              path: "/payment/create",
              host: "api",
              safe: false,
              body: "json",
              money: ["price"],
              bigint: ["paymentId"],
            },
            getPayment: {
              id: "getPayment",
              method: "get",
              path: "/payment/detail",
              host: "api",
              safe: true,
              body: "none",
              bigint: ["paymentId"],
              headerParams: ["x-payment-id"],
              argument: "input",
            },
          },
        },
      },
    ],
    [
      "duo",
      {
        model: DUO,
        provider: "duoProvider",
        ops: "duoOperations",
        want: {
          provider: {
            id: "duo",
            name: "Duo Pay",
            environments: {
              test: { payment: "https://test-pay.duo.test", private: "https://test-private.duo.test" },
              live: { payment: "https://pay.duo.test", private: "https://private.duo.test" },
            },
            defaultHost: "payment",
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
            secretFields: ["Cvv", "Number"],
            sensitiveFields: { secret: ["Cvv", "Number"], card: [], personal: [] },
            credentials: ["apiKeyPublic", "apiKeyPrivate", "apiClientPrivate"],
          },
          ops: {
            startPayment: {
              id: "startPayment",
              method: "post",
              path: "/api/payment/start",
              host: "payment",
              safe: false,
              body: "json",
              authSet: "public",
              money: ["items[].price", "order.amount"],
            },
            listBanks: {
              id: "listBanks",
              method: "get",
              path: "/api/payment/banks",
              host: "payment",
              safe: true,
              body: "none",
              argument: "none",
            },
            refund: {
              id: "refund",
              method: "post",
              path: "/api/private/refund",
              host: "private",
              safe: false,
              body: "json",
              authSet: "private",
              errors: { "56": "already_refunded" },
              money: ["Amount"],
            },
            inquirePayment: {
              id: "inquirePayment",
              method: "get",
              path: "/api/private/inquiry",
              host: "private",
              safe: true,
              body: "none",
              authSet: "private",
              bigint: ["Body.PaymentId"],
              headerParams: ["merchantuniquecode"],
              queryParams: ["lang"],
              argument: "input",
            },
          },
        },
      },
    ],
  ];

  it.each(cases)("%s", (_title, { model, provider, ops, want }) => {
    const code = emitClient(model);
    expect(providerLiteral(code, provider)).toEqual(want.provider);
    // What the runtime reads: the written table with its defaults filled in by core.
    const table = operationTable(code, ops);
    expect(defineOperations(table.defaultHost as string, table.ops as Record<string, OperationSpec>)).toEqual(want.ops);
  });
});

describe("emitClient: path parameters in the operation table", () => {
  it("names the placeholders for the runtime to fill, in template order", () => {
    const model = withOps(MINI, {
      getPayment: {
        path: "/payment/{paymentId}/items/{itemId}",
        pathParams: [
          { name: "paymentId", required: true },
          { name: "itemId", required: true },
        ],
      },
    });
    const ops = operationTable(emitClient(model), "miniOperations").ops as Record<string, { path: string; pathParams?: string[] }>;
    expect(ops.getPayment).toMatchObject({ path: "/payment/{paymentId}/items/{itemId}", pathParams: ["paymentId", "itemId"] });
    expect(ops.createPayment?.pathParams).toBeUndefined();
  });
});

describe("emitClient: a signed answer's fields go into the operation definition", () => {
  it("emits responseSignature as the model has it, and nothing for an operation without one", () => {
    const signed = { fields: ["paymentId", "price"], decimals: ["price"] };
    const code = emitClient(withOps(MINI, { createPayment: { responseSignature: signed } }));
    const ops = operationTable(code, "miniOperations").ops as Record<string, Record<string, unknown>>;
    expect(ops.createPayment?.responseSignature).toEqual(signed);
    expect(ops.getPayment).not.toHaveProperty("responseSignature");
  });
});

describe("emitClient: client options by auth scheme", () => {
  const cases: [string, { model: ProviderModel; want: string[] }][] = [
    ["iyzws-v2", { model: MINI, want: ["apiKey", "secretKey", "randomKey?", "verifyResponseSignatures?", "baseUrl?"] }],
    [
      "headers: one option per credential of every set",
      { model: DUO, want: ["apiKeyPublic", "apiKeyPrivate", "apiClientPrivate", "baseUrl?"] },
    ],
    ["basic", { model: withOps(MINI, {}, { auth: { scheme: "basic" } }), want: ["username", "password", "baseUrl?"] }],
    [
      "akurateco-hash",
      {
        model: withOps(MINI, {}, { auth: { scheme: "akurateco-hash", keyField: "merchant_key", hashField: "hash" } }),
        want: ["merchantKey", "password", "baseUrl?"],
      },
    ],
    [
      "oauth2-client-credentials",
      {
        model: withOps(MINI, {}, { auth: { scheme: "oauth2-client-credentials", tokenHost: "api", tokenPath: "/token" } }),
        want: ["clientId", "clientSecret", "scope?", "baseUrl?"],
      },
    ],
  ];

  it.each(cases)("%s", (_title, { model, want }) => {
    expect(interfaceMembers(emitClient(model), `${model.client}ClientOptions`)).toEqual(want);
  });

  it.each([
    ["mini", MINI, '"sandbox" | "live"', '"api"'],
    ["duo", DUO, '"test" | "live"', '"payment" | "private"'],
  ] as const)("%s: environment and host names are literal unions", (_title, model, envs, hosts) => {
    const code = emitClient(model);
    expect(typeAlias(code, `${model.client}Environment`)).toBe(envs);
    expect(typeAlias(code, `${model.client}Host`)).toBe(hosts);
  });
});

describe("the generated header", () => {
  it.each([
    ["client.ts", emitClient],
    ["index.ts", emitIndex],
  ] as const)("%s starts with it and names the spec", (_title, emit) => {
    for (const model of [MINI, DUO]) {
      const code = emit(model);
      expect(code.split("\n")[0]).toBe(
        `// Generated by odeme-gen from ${model.specFile}. Do not edit: change the spec and run \`pnpm generate\`.`,
      );
      expect(syntaxErrors(code)).toEqual([]);
    }
  });

  it("index.ts re-exports the client, the schema types and the core helpers", () => {
    const code = emitIndex(MINI);
    expect(code).toContain('export * from "./client.js";');
    expect(code).toContain('export type { components, operations, paths } from "./schema.js";');
    expect(code).toMatch(/export \{[^}]*\bminorUnits\b[^}]*\} from "@odeme\/core";/);
    expect(code).toMatch(/export type \{[^}]*\bDecimalString\b[^}]*\bMinorUnits\b[^}]*\} from "@odeme\/core";/);
  });
});
