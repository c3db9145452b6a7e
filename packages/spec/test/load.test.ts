import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDiagnostic, SpecError } from "../src/diagnostics.ts";
import { parseSpec, readYaml } from "../src/load.ts";

// The generator's fixture: positions are checked on the same file its diagnostics tests use.
const MINI = "generator/test/fixtures/mini.yaml";
const miniText = readFileSync(new URL("../../../generator/test/fixtures/mini.yaml", import.meta.url), "utf8");

/** One edit of the fixture's text: `from` must occur exactly once (a fixture change cannot silently skip it). */
type Edit = readonly [from: string, to: string];

function loadFixture(_name: "mini.yaml", edits: readonly Edit[] = []) {
  let text = miniText;
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) throw new Error(`edit expects exactly one ${JSON.stringify(from)} in the fixture`);
    text = text.replace(from, () => to);
  }
  return parseSpec(MINI, text);
}

function yamlError(run: () => unknown): SpecError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error("expected a SpecError");
}

describe("parseSpec: YAML that does not parse", () => {
  // Each edit breaks fixtures/mini.yaml on one line; the first diagnostic must point there.
  const cases: [string, { given: Edit[]; want: { at: string; message: string } }][] = [
    [
      "a tab used as indentation",
      { given: [["  code: errorCode", "\tcode: errorCode"]], want: { at: "22:1", message: "Tabs are not allowed as indentation" } },
    ],
    [
      "a key indented one space short",
      { given: [["  version: 1.0.0", " version: 1.0.0"]], want: { at: "4:1", message: "All mapping items must start at the same column" } },
    ],
    [
      "a duplicate key",
      {
        given: [["      summary: Look a payment up\n", "      summary: Look a payment up\n      summary: again\n"]],
        want: { at: "54:7", message: "Map keys must be unique" },
      },
    ],
    [
      "a plain scalar with `: ` in it",
      {
        given: [["summary: Look a payment up", "summary: Look: a payment up"]],
        want: { at: "53:16", message: "Nested mappings are not allowed" },
      },
    ],
    [
      "an unclosed double quote",
      { given: [["summary: Create a payment", 'summary: "Create a payment']], want: { at: "36:33", message: "Missing closing" } },
    ],
  ];

  it.each(cases)("%s is reported as file:line:col", (_title, { given, want }) => {
    const error = yamlError(() => loadFixture("mini.yaml", given));
    const first = error.diagnostics[0];
    expect(first).toBeDefined();
    expect(formatDiagnostic(first!)).toMatch(new RegExp(`^${MINI.replace(/\./g, "\\.")}:${want.at} # YAML: `));
    expect(first!.message).toContain(want.message);
    // The error's message is what the CLI prints: every diagnostic, formatted, first line first.
    expect(error.message.split("\n")[0]).toBe(formatDiagnostic(first!));
  });

  it.each([
    ["a list", "- openapi: 3.1.0\n- paths: {}\n"],
    ["a scalar", "openapi 3.1.0\n"],
    ["an empty file", ""],
  ])("a document that is %s is rejected at 1:1", (_title, text) => {
    const error = yamlError(() => parseSpec("specs/x.yaml", text));
    expect(error.diagnostics.map(formatDiagnostic)).toEqual(["specs/x.yaml:1:1 # the spec must be a YAML mapping (an OpenAPI document)"]);
  });
});

describe("readYaml: any YAML value, with positions", () => {
  it("keeps a non-mapping document (the caller decides what it must be) and still reports syntax errors", () => {
    expect(readYaml("x.yaml", "- a\n- b\n").value).toEqual(["a", "b"]);
    expect(readYaml("x.yaml", "").value).toBeNull();
    const error = yamlError(() => readYaml("x.yaml", "a: 1\na: 2\n"));
    expect(error.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^x\.yaml:2:1 # YAML: Map keys must be unique/)]);
  });
});

describe("LoadedSpec.locate", () => {
  const spec = loadFixture("mini.yaml");
  // [title, { given: path, want: "line:col" }] against fixtures/mini.yaml (open it side by side).
  const cases: [string, { given: (string | number)[]; want: string }][] = [
    ["the document itself", { given: [], want: "1:1" }],
    ["a top-level scalar: its value", { given: ["openapi"], want: "1:10" }],
    ["a block mapping: its key", { given: ["info"], want: "2:1" }],
    ["a nested scalar", { given: ["info", "title"], want: "3:10" }],
    ["a value inside a flow mapping", { given: ["info", "license", "identifier"], want: "5:37" }],
    ["a flow mapping: its key", { given: ["x-odeme-environments", "live"], want: "17:3" }],
    ["a sequence item", { given: ["servers", 0], want: "8:5" }],
    ["a field of a sequence item", { given: ["servers", 0, "description"], want: "9:18" }],
    ["a key with slashes (a path)", { given: ["paths", "/payment/create", "post", "operationId"], want: "35:20" }],
    ["a quoted '200' key, asked as a string", { given: ["paths", "/payment/detail", "get", "responses", "200"], want: "62:9" }],
    ["a quoted '200' key, asked as a number", { given: ["paths", "/payment/detail", "get", "responses", 200], want: "62:9" }],
    [
      "a $ref deep in a response",
      { given: ["paths", "/payment/detail", "get", "responses", "200", "content", "application/json", "schema", "$ref"], want: "66:31" },
    ],
    ["a parameter field", { given: ["paths", "/payment/detail", "get", "parameters", 0, "in"], want: "57:15" }],
    ["an item of a flow sequence", { given: ["components", "schemas", "CreatePaymentRequest", "required", 0], want: "71:18" }],
    [
      "an extension on a schema property",
      { given: ["components", "schemas", "Payment", "properties", "paymentId", "x-odeme-bigint"], want: "83:73" },
    ],
    ["a missing key: its nearest ancestor", { given: ["paths", "/payment/detail", "get", "x-odeme-host"], want: "51:5" }],
    ["a path through a scalar: the scalar", { given: ["x-odeme-provider", "id", "deeper"], want: "11:7" }],
    ["an index past the end: the sequence's key", { given: ["servers", 3], want: "7:1" }],
  ];

  it.each(cases)("%s", (_title, { given, want }) => {
    const { line, col } = spec.locate(given);
    expect(`${line}:${col}`).toBe(want);
  });
});
