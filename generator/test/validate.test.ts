import { describe, expect, it } from "vitest";
import { type Diagnostic, formatDiagnostic, SpecError } from "@odeme/spec";
import { validateSpec } from "../src/validate.ts";
import { fixtureDisplay, loadFixture, type Edit } from "./helpers.ts";

/** Every diagnostic of a fixture after `edits` (parse and validate, as generation does); [] when valid. */
function diagnose(fixture: string, edits: readonly Edit[]): Diagnostic[] {
  try {
    validateSpec(loadFixture(fixture, edits));
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.diagnostics;
  }
}

interface Want {
  /** `line:col` in the edited fixture (the edits keep line numbers, so it is the fixture's line). */
  at: string;
  pointer: string;
  message: string;
}

interface Row {
  fixture?: "mini.yaml" | "duo.yaml";
  given: Edit[];
  want: Want;
  /** The mistake should be reported once, not buried in follow-on noise (default true). */
  alone?: boolean;
}

const op = (path: string, method: string, ...rest: string[]) =>
  `#/paths/${path.replace(/\//g, "~1")}/${method}${rest.map((r) => `/${r}`).join("")}`;
const CREATE = (...rest: string[]) => op("/payment/create", "post", ...rest);
const DETAIL = (...rest: string[]) => op("/payment/detail", "get", ...rest);

// Each row breaks the valid fixtures/mini.yaml (or duo.yaml) in one place; the line numbers are
// those of the fixture, so open it side by side.
const broken: [string, Row][] = [
  [
    "unparseable YAML (a tab as indentation)",
    {
      given: [["  code: errorCode", "\tcode: errorCode"]],
      want: { at: "22:1", pointer: "#", message: "YAML: Tabs are not allowed as indentation" },
      alone: false,
    },
  ],
  [
    "a $ref to nothing",
    {
      given: [
        [
          "schema: { $ref: '#/components/schemas/Payment' }\n  /payment/detail",
          "schema: { $ref: '#/components/schemas/Paymnt' }\n  /payment/detail",
        ],
      ],
      want: {
        at: "49:31",
        pointer: `${CREATE("responses", "200", "content", "application~1json", "schema", "$ref")}`,
        message: '$ref "#/components/schemas/Paymnt" points to nothing',
      },
    },
  ],
  [
    "a wrong type: operationId: 5",
    {
      given: [["operationId: getPayment", "operationId: 5"]],
      want: { at: "52:20", pointer: DETAIL("operationId"), message: "must be string" },
    },
  ],
  [
    'a wrong type: x-odeme-safe: "yes"',
    {
      given: [["x-odeme-safe: true", 'x-odeme-safe: "yes"']],
      want: { at: "54:21", pointer: DETAIL("x-odeme-safe"), message: "must be boolean" },
    },
  ],
  [
    "a Schema Object with type: strin",
    {
      given: [["conversationId: { type: string }", "conversationId: { type: strin }"]],
      want: {
        at: "73:33",
        pointer: "#/components/schemas/CreatePaymentRequest/properties/conversationId/type",
        message: 'must be one of "array", "boolean", "integer", "null", "number", "object", "string"',
      },
    },
  ],
  [
    "an unknown auth scheme",
    {
      given: [["scheme: iyzws-v2", "scheme: hmac-sha1"]],
      want: {
        at: "19:25",
        pointer: "#/x-odeme-auth/scheme",
        message: 'must be one of "iyzws-v2", "headers", "akurateco-hash", "basic", "oauth2-client-credentials"',
      },
    },
  ],
  [
    "envelope fieldCodes over a list whose messages carry no field names",
    {
      given: [["  code: errorCode", "  details: { path: errors, shape: list, fieldCodes: { hash: authentication } }"]],
      want: { at: "22:3", pointer: "#/x-odeme-envelope/details", message: 'is missing the required property "fieldPrefix"' },
    },
  ],
  [
    "an unknown x-odeme-* key at the top",
    {
      given: [["x-odeme-default-environment: sandbox", "x-odeme-default-env: sandbox"]],
      want: { at: "18:22", pointer: "#/x-odeme-default-env", message: 'unknown extension "x-odeme-default-env" here' },
    },
  ],
  [
    "an unknown x-odeme-* key on an operation",
    {
      given: [["x-odeme-safe: true", "x-odeme-retry: true"]],
      want: { at: "54:22", pointer: DETAIL("x-odeme-retry"), message: 'unknown extension "x-odeme-retry" here' },
    },
  ],
  [
    "an unknown x-odeme-* key on a property",
    {
      given: [["x-odeme-secret: true", "x-odeme-secrett: true"]],
      want: {
        at: "75:54",
        pointer: "#/components/schemas/CreatePaymentRequest/properties/cardNumber/x-odeme-secrett",
        message: 'unknown extension "x-odeme-secrett" here',
      },
    },
  ],
  [
    "an x-odeme-host that names no host",
    {
      given: [["x-odeme-host: api", "x-odeme-host: apii"]],
      want: { at: "37:21", pointer: CREATE("x-odeme-host"), message: "names no host of x-odeme-environments (api)" },
    },
  ],
  [
    "a duplicate operationId",
    {
      given: [["operationId: getPayment", "operationId: createPayment"]],
      want: { at: "52:20", pointer: DETAIL("operationId"), message: '"createPayment" is already used by POST /payment/create' },
    },
  ],
  [
    "a non-camelCase operationId",
    {
      given: [["operationId: getPayment", "operationId: Get_Payment"]],
      want: { at: "52:20", pointer: DETAIL("operationId"), message: '"Get_Payment" must be camelCase' },
    },
  ],
  [
    "a missing 200 response",
    {
      given: [["        '200':\n          description: The payment,", "        '201':\n          description: The payment,"]],
      want: { at: "61:7", pointer: DETAIL("responses"), message: "needs a 200 response" },
    },
  ],
  [
    "x-odeme-auth-set with a non-headers scheme",
    {
      given: [["x-odeme-safe: true", "x-odeme-auth-set: private"]],
      want: { at: "54:25", pointer: DETAIL("x-odeme-auth-set"), message: 'only applies to the "headers" auth scheme, not "iyzws-v2"' },
    },
  ],
  [
    "x-odeme-inferred without a reason, on an operation",
    {
      given: [["x-odeme-safe: true", "x-odeme-inferred: true"]],
      want: {
        at: "51:5",
        pointer: DETAIL(),
        message: "must have property x-odeme-inferred-reason when property x-odeme-inferred is present",
      },
    },
  ],
  [
    "x-odeme-inferred without a reason, on a property",
    {
      given: [["x-odeme-secret: true", "x-odeme-inferred: true"]],
      want: {
        at: "75:9",
        pointer: "#/components/schemas/CreatePaymentRequest/properties/cardNumber",
        message: "must have property x-odeme-inferred-reason when property x-odeme-inferred is present",
      },
    },
  ],
  [
    "an x-odeme-default-environment that names no environment",
    {
      given: [["x-odeme-default-environment: sandbox", "x-odeme-default-environment: prod"]],
      want: {
        at: "18:30",
        pointer: "#/x-odeme-default-environment",
        message: "names no environment in x-odeme-environments (sandbox, live)",
      },
    },
  ],
  [
    "an x-odeme-auth-set that names no set",
    {
      fixture: "duo.yaml",
      given: [["x-odeme-auth-set: public", "x-odeme-auth-set: publik"]],
      want: {
        at: "38:25",
        pointer: op("/api/payment/start", "post", "x-odeme-auth-set"),
        message: "names no set of x-odeme-auth.sets (public, private)",
      },
    },
  ],
  [
    "x-odeme-hash-fields with a non-akurateco scheme",
    {
      fixture: "duo.yaml",
      given: [["x-odeme-auth-set: public", "x-odeme-hash-fields: [amount]"]],
      want: {
        at: "38:7",
        pointer: op("/api/payment/start", "post", "x-odeme-hash-fields"),
        message: 'only applies to the "akurateco-hash" auth scheme, not "headers"',
      },
    },
  ],
  // specs/README.md: "Every operation has a 200 response with an application/json schema". A 200
  // without one passes today and generates a client.ts that does not type-check
  // (`...["content"]["application/json"]` on a response that has no such member).
  [
    "a 200 response without an application/json body",
    {
      given: [
        [
          "          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Payment' }\ncomponents",
          "          content:\n            text/plain:\n              schema: { $ref: '#/components/schemas/Payment' }\ncomponents",
        ],
      ],
      want: { at: "62:9", pointer: DETAIL("responses", "200"), message: "application/json" },
    },
  ],
  // The runtime's HttpMethod is get|post|put|patch|delete; a `head` operation passes validation and
  // generates `method: "head"`, which fails `satisfies Record<string, OperationDefinition>`.
  // A misspelt signed field would be signed as "" and every real answer would fail to verify.
  [
    "x-odeme-response-signature naming a field the 200 response lacks",
    {
      given: [
        [
          "      x-odeme-host: api\n",
          "      x-odeme-host: api\n      x-odeme-response-signature: { fields: [paymentId, paymentid], source: test }\n",
        ],
        [
          "        paymentId: { type: string, pattern: '^[0-9]+$', x-odeme-bigint: true }",
          "        paymentId: { type: string, pattern: '^[0-9]+$', x-odeme-bigint: true }\n        signature: { type: string }",
        ],
      ],
      want: {
        at: "38:57",
        pointer: CREATE("x-odeme-response-signature", "fields", "1"),
        message: '"paymentid" is not a property of the 200 response',
      },
    },
  ],
  [
    "x-odeme-response-signature on an answer without the scheme's signature field",
    {
      given: [
        ["      x-odeme-host: api\n", "      x-odeme-host: api\n      x-odeme-response-signature: { fields: [paymentId], source: test }\n"],
      ],
      want: { at: "38:7", pointer: CREATE("x-odeme-response-signature"), message: 'the 200 response has no "signature" property' },
    },
  ],
  [
    "x-odeme-response-signature decimals that are not signed fields",
    {
      given: [
        [
          "      x-odeme-host: api\n",
          "      x-odeme-host: api\n      x-odeme-response-signature: { fields: [paymentId], decimals: [price], source: test }\n",
        ],
        [
          "        paymentId: { type: string, pattern: '^[0-9]+$', x-odeme-bigint: true }",
          "        paymentId: { type: string, pattern: '^[0-9]+$', x-odeme-bigint: true }\n        signature: { type: string }",
        ],
      ],
      want: {
        at: "38:69",
        pointer: CREATE("x-odeme-response-signature", "decimals", "0"),
        message: '"price" is not one of the signed fields',
      },
    },
  ],
  [
    "x-odeme-response-signature with a scheme that verifies no answers",
    {
      fixture: "duo.yaml",
      given: [["x-odeme-auth-set: public", "x-odeme-response-signature: { fields: [ErrorCode], source: test }"]],
      want: {
        at: "38:7",
        pointer: op("/api/payment/start", "post", "x-odeme-response-signature"),
        message: 'only applies to an auth scheme that verifies signed answers, not "headers"',
      },
    },
  ],
  [
    "x-odeme-response-signature without its source",
    {
      given: [["      x-odeme-host: api\n", "      x-odeme-host: api\n      x-odeme-response-signature: { fields: [paymentId] }\n"]],
      want: { at: "38:7", pointer: CREATE("x-odeme-response-signature"), message: "source" },
      alone: false,
    },
  ],
  [
    "an operation under a method the runtime cannot send (head)",
    {
      given: [["    get:\n      operationId: getPayment", "    head:\n      operationId: getPayment"]],
      want: { at: "51:5", pointer: op("/payment/detail", "head"), message: "head" },
    },
  ],
];

describe("validateSpec rejects a broken spec with file:line:col, pointer and message", () => {
  it.each(broken)("%s", (_title, { fixture = "mini.yaml", given, want, alone = true }) => {
    const diagnostics = diagnose(fixture, given);
    const lines = diagnostics.map(formatDiagnostic);
    const prefix = `${fixtureDisplay(fixture)}:${want.at} ${want.pointer} `;
    expect(lines, "no diagnostic matches").toContainEqual(
      expect.stringMatching(new RegExp(`^${escapeRegExp(prefix)}.*${escapeRegExp(want.message)}`)),
    );
    // A user reads the first line first.
    expect(lines[0]).toMatch(new RegExp(`^${escapeRegExp(prefix)}`));
    if (alone) expect(lines, "the mistake is reported once, without misleading extra diagnostics").toHaveLength(1);
    for (const line of lines) expect(line).toMatch(new RegExp(`^${escapeRegExp(fixtureDisplay(fixture))}:\\d+:\\d+ #\\S* \\S`));
  });
});

describe("validateSpec accepts valid specs", () => {
  const valid: [string, { fixture: "mini.yaml" | "duo.yaml"; given: Edit[] }][] = [
    ["fixtures/mini.yaml", { fixture: "mini.yaml", given: [] }],
    ["fixtures/duo.yaml", { fixture: "duo.yaml", given: [] }],
    ["no x-odeme-default-environment", { fixture: "mini.yaml", given: [["x-odeme-default-environment: sandbox\n", ""]] }],
    [
      "x-odeme-response-signature over fields of the answer, through its $ref",
      {
        fixture: "mini.yaml",
        given: [
          [
            "      x-odeme-host: api\n",
            "      x-odeme-host: api\n      x-odeme-response-signature: { fields: [paymentId, status], decimals: [paymentId], source: test }\n",
          ],
          [
            "        paymentId: { type: string, pattern: '^[0-9]+$', x-odeme-bigint: true }",
            "        paymentId: { type: string, pattern: '^[0-9]+$', x-odeme-bigint: true }\n        signature: { type: string }",
          ],
        ],
      },
    ],
    // A property of an inline schema whose name is an HTTP method must not be taken for an operation.
    [
      "an inline money property named `options`",
      {
        fixture: "duo.yaml",
        given: [
          ["Amount: { type: integer, minimum: 1, x-odeme-money: true }", "options: { type: integer, minimum: 1, x-odeme-money: true }"],
        ],
      },
    ],
    [
      "an inline secret property named `get`",
      {
        fixture: "duo.yaml",
        given: [
          [
            "PaymentId: { type: string, x-odeme-bigint: true }\n                Amount",
            "get: { type: string, x-odeme-secret: true }\n                Amount",
          ],
        ],
      },
    ],
  ];

  it.each(valid)("%s", (_title, { fixture, given }) => {
    expect(diagnose(fixture, given).map(formatDiagnostic)).toEqual([]);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("validateSpec checks path templates against their path parameters", () => {
  const TEMPLATED = (param: string): Edit[] => [
    ["  /payment/detail:\n    get:", "  /payment/{paymentId}:\n    get:"],
    ["      parameters:\n        - name: x-payment-id", `      parameters:\n${param}        - name: x-payment-id`],
  ];
  const messages = (edits: Edit[]) => diagnose("mini.yaml", edits).map((d) => `${d.pointer} ${d.message}`);
  const AT = op("/payment/{paymentId}", "get");

  it("accepts a placeholder declared as a string path parameter", () => {
    expect(messages(TEMPLATED("        - { name: paymentId, in: path, required: true, schema: { type: string } }\n"))).toEqual([]);
  });

  it("a placeholder without a parameter", () => {
    expect(messages(TEMPLATED(""))).toEqual([`${AT} the path has {paymentId} but no "in: path" parameter named "paymentId"`]);
  });

  it("a path parameter the template does not name", () => {
    expect(
      messages(
        TEMPLATED(
          "        - { name: paymentId, in: path, required: true, schema: { type: string } }\n        - { name: other, in: path, required: true, schema: { type: string } }\n",
        ),
      ),
    ).toEqual([`${AT}/parameters/1/name path parameter "other" is not a {other} of the path /payment/{paymentId}`]);
  });

  it("a path parameter whose schema is not a string", () => {
    expect(messages(TEMPLATED("        - { name: paymentId, in: path, required: true, schema: { type: integer } }\n"))).toEqual([
      `${AT}/parameters/0/schema path parameter "paymentId" needs a string schema (the client sends path values as strings)`,
    ]);
  });
});
