/**
 * odeme-gen end to end, on temp copies of fixtures/mini.yaml. Every CLI run costs a second or two
 * (tsx, ajv, the TypeScript compiler), so runs are few and shared: the lifecycle runs in order,
 * while one run over all broken specs, the unknown-provider run and the repository check start at
 * once, in the background, each in its own folder.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  type Edit,
  fixtureText,
  goldenDir,
  hashTree,
  listFiles,
  mtimes,
  mutate,
  repoRoot,
  runCliAsync,
} from "./helpers.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "odeme-cli-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PACKAGE_FILES = [
  "LICENSE",
  "README.md",
  "openapi.yaml",
  "package.json",
  "src/client.ts",
  "src/constraints.ts",
  "src/index.ts",
  "src/schema.ts",
  "tsconfig.build.json",
];
const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");
// A run takes ~2 s of CPU; on a busy 2-core machine several of them queue up.
const SLOW = 60_000;

describe("a spec's lifecycle: generate, regenerate, check, edit, check", () => {
  const specs = join(work, "life/specs");
  const out = join(work, "life/packages");
  const pkg = join(out, "mini");
  const args = ["--specs", specs, "--out", out];
  mkdirSync(specs, { recursive: true });
  writeFileSync(join(specs, "mini.yaml"), fixtureText("mini.yaml"));

  it(
    "the first run writes the package and prints one line per provider with its time",
    async () => {
      const r = await runCliAsync(args);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(lines(r.stdout)).toEqual([expect.stringMatching(/^✓ mini .*2 operations.* 9 written, 0 unchanged .*\d+ ms$/)]);
      expect(listFiles(pkg)).toEqual(PACKAGE_FILES);
    },
    SLOW,
  );

  // --check writes nothing, so it overlaps the second run (one CLI run less on the critical path).
  let check: Promise<CliResult> | undefined;

  it(
    "a second run writes nothing: `unchanged`, same bytes, same mtimes",
    async () => {
      const hashes = hashTree(pkg);
      const times = mtimes(pkg);
      check = runCliAsync([...args, "--check"]);
      const r = await runCliAsync(args);
      expect(r.status).toBe(0);
      expect(lines(r.stdout)).toEqual([expect.stringMatching(/^✓ mini .* unchanged .*\d+ ms$/)]);
      expect(r.stdout).not.toMatch(/written/);
      expect(hashTree(pkg)).toEqual(hashes);
      expect(mtimes(pkg)).toEqual(times);
    },
    SLOW,
  );

  it(
    "--check exits 0 when the package is up to date",
    async () => {
      const r = await (check ?? runCliAsync([...args, "--check"]));
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(lines(r.stdout)).toEqual([expect.stringMatching(/^✓ mini .* up to date .*\d+ ms$/)]);
    },
    SLOW,
  );

  // The runs above recorded the generation, so this --check decides from hashes, without generating.
  it(
    "a hand edit of a generated file, the spec unchanged: --check exits 1 and names that file",
    async () => {
      const client = join(pkg, "src/client.ts");
      const original = readFileSync(client, "utf8");
      writeFileSync(client, `${original}// edited by hand\n`);
      try {
        const r = await runCliAsync([...args, "--check"]);
        expect(r.status).toBe(1);
        expect(lines(r.stdout)).toEqual([expect.stringMatching(/^✗ mini .* 1 stale .*\d+ ms$/)]);
        expect(
          lines(r.stderr)
            .filter((l) => l.startsWith("  "))
            .map((l) => l.trim()),
        ).toEqual([client]);
      } finally {
        writeFileSync(client, original);
      }
    },
    SLOW,
  );

  it(
    "after the spec changes, --check exits 1, names the stale files and writes nothing",
    async () => {
      const hashes = hashTree(pkg);
      writeFileSync(
        join(specs, "mini.yaml"),
        mutate(fixtureText("mini.yaml"), [["summary: Create a payment", "summary: Create a card payment"]]),
      );
      const r = await runCliAsync([...args, "--check"]);
      expect(r.status).toBe(1);
      expect(lines(r.stdout)).toEqual([expect.stringMatching(/^✗ mini .* \d+ stale .*\d+ ms$/)]);
      expect(r.stderr).toContain("Generated files are out of date with the specs");
      const named = lines(r.stderr)
        .filter((l) => l.startsWith("  "))
        .map((l) => l.trim());
      // The summary is in the README, the method's JSDoc, the schema's JSDoc and the shipped spec; nothing else changed.
      expect(named).toEqual([join(pkg, "README.md"), join(pkg, "openapi.yaml"), join(pkg, "src/client.ts"), join(pkg, "src/schema.ts")]);
      expect(hashTree(pkg)).toEqual(hashes);
    },
    SLOW,
  );
});

describe("a broken spec stops generation and leaves the package as it was", () => {
  const specs = join(work, "broken/specs");
  const out = join(work, "broken/packages");
  // One provider per mistake (a copy of mini under another id), so one run covers them all.
  const cases: [string, { provider: string; given: Edit[]; want: string }][] = [
    [
      "unparseable YAML",
      {
        provider: "bad-yaml",
        given: [["  code: errorCode", "\tcode: errorCode"]],
        want: ":22:1 # YAML: Tabs are not allowed as indentation",
      },
    ],
    [
      "a $ref to nothing",
      {
        provider: "bad-ref",
        given: [
          [
            "schema: { $ref: '#/components/schemas/Payment' }\n  /payment/detail",
            "schema: { $ref: '#/components/schemas/Paymnt' }\n  /payment/detail",
          ],
        ],
        want: ':49:31 #/paths/~1payment~1create/post/responses/200/content/application~1json/schema/$ref $ref "#/components/schemas/Paymnt" points to nothing',
      },
    ],
    [
      "a wrong type",
      {
        provider: "bad-type",
        given: [["x-odeme-safe: true", 'x-odeme-safe: "yes"']],
        want: ":54:21 #/paths/~1payment~1detail/get/x-odeme-safe must be boolean",
      },
    ],
    [
      "an unknown auth scheme",
      {
        provider: "bad-auth",
        given: [["scheme: iyzws-v2", "scheme: hmac-sha1"]],
        want: ':19:25 #/x-odeme-auth/scheme must be one of "iyzws-v2", "headers", "akurateco-hash", "basic", "oauth2-client-credentials"',
      },
    ],
  ];
  const specText = (provider: string, edits: readonly Edit[]) =>
    mutate(fixtureText("mini.yaml"), [["id: mini", `id: ${provider}`], ...edits]);
  const before: Record<string, Record<string, string>> = {};
  // The "previously generated" packages are the golden mini package, copied: any write by the
  // failed run (which would produce bad-* content) changes a hash. It saves a generation run.
  const broken = (async () => {
    mkdirSync(specs, { recursive: true });
    for (const [, { provider, given }] of cases) {
      cpSync(join(goldenDir, "mini"), join(out, provider), { recursive: true });
      before[provider] = hashTree(join(out, provider));
      writeFileSync(join(specs, `${provider}.yaml`), specText(provider, given));
    }
    return runCliAsync(["--specs", specs, "--out", out]);
  })();
  let run: CliResult;

  beforeAll(async () => {
    run = await broken;
  }, SLOW);

  it("exits 1", () => {
    expect(run.status).toBe(1);
  });

  it.each(cases)("%s: prints <spec path>:LINE:COL, the JSON pointer and what is wrong", (_title, { provider, want }) => {
    const err = lines(run.stderr);
    expect(err).toContain(`✗ ${provider}: the spec is invalid; ${join(out, provider)} was left untouched`);
    expect(err).toContain(`  ${join(specs, `${provider}.yaml`)}${want}`);
    expect(run.stdout).not.toMatch(new RegExp(`^✓ ${provider} `, "m"));
  });

  it.each(cases)("%s: the previously generated package is byte-identical", (_title, { provider }) => {
    expect(before[provider]).toBeDefined();
    expect(hashTree(join(out, provider))).toEqual(before[provider]);
  });
});

describe("an unknown provider name", () => {
  const specs = join(work, "unknown/specs");
  const out = join(work, "unknown/packages");
  mkdirSync(specs, { recursive: true });
  writeFileSync(join(specs, "mini.yaml"), fixtureText("mini.yaml"));
  const run = runCliAsync(["mini", "nope", "--specs", specs, "--out", out]);

  it(
    "exits 2, lists the known ones and writes nothing, not even the known one",
    async () => {
      const r = await run;
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim()).toBe(`odeme-gen: no spec for nope in ${specs} (have: mini)`);
      expect(existsSync(out)).toBe(false);
    },
    SLOW,
  );
});

describe("the repository", () => {
  const run = runCliAsync(["--check"]);

  it(
    "generate --check: packages/ is what specs/ produces",
    async () => {
      const r = await run;
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const specs = readdirSync(join(repoRoot, "specs"))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => f.replace(/\.yaml$/, ""))
        .sort();
      expect(specs.length).toBeGreaterThan(0);
      expect(lines(r.stdout)).toEqual(specs.map((p) => expect.stringMatching(new RegExp(`^✓ ${p} .* up to date .*\\d+ ms$`))));
    },
    SLOW,
  );
});
