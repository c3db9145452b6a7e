/**
 * The packages as an npm user gets them: every package is packed (its prepack cleans and builds),
 * the tarballs are installed with plain npm into a project outside the workspace, and that project
 * type-checks a consumer under NodeNext and Bundler resolution, require()s the packages from
 * CommonJS, and refunds a payment against the `odeme-sim` bin of the installed testkit.
 *
 * Registry dependencies (openapi-fetch, ajv, yaml, ...) come from npm's cache once it has them
 * (`--prefer-offline`). pnpm packs, not npm: only pnpm rewrites the `workspace:` ranges between
 * the packages into real versions, as `pnpm publish` does.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PACKAGES = [
  "packages/spec",
  "packages/core",
  "packages/iyzico",
  "packages/paywall",
  "packages/dineropay",
  "packages/parolapay",
  "packages/sipay-wallet",
  "packages/payments",
  "packages/testkit",
  "generator",
];
// The generator is packed (its tarball must build and be complete) but not installed: its CLI is
// tested end to end in generator/test, and its compiler dependencies would triple the install.
const INSTALLED = PACKAGES.filter((p) => p !== "generator");
const SETUP_MS = 420_000;

const tsc = join(root, "node_modules/typescript/bin/tsc");

function pnpm(): string[] {
  // Under `pnpm test`, npm_execpath is pnpm itself; otherwise fetch the pinned one through npx.
  const execpath = process.env.npm_execpath ?? "";
  if (/pnpm/.test(execpath)) return [process.execPath, execpath];
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { packageManager: string }).packageManager;
  return ["npx", "-y", version];
}

function run(cmd: string[], cwd: string, timeout = 180_000): SpawnSyncReturns<string> {
  const [bin, ...args] = cmd as [string, ...string[]];
  const r = spawnSync(bin, args, {
    cwd,
    encoding: "utf8",
    timeout,
    env: { ...process.env, npm_config_update_notifier: "false", NODE_NO_WARNINGS: "1" },
  });
  if (r.status !== 0) throw new Error(`${cmd.join(" ")} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Bytes of every file under `dir`/node_modules (or `dir` itself if it has none), and the packages in it. */
function footprint(dir: string): { bytes: number; packages: string[] } {
  let bytes = 0;
  const packages: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name !== ".package-lock.json") bytes += statSync(p).size;
    }
  };
  const nm = existsSync(join(dir, "node_modules")) ? join(dir, "node_modules") : dir;
  walk(nm);
  const list = (d: string, prefix = "") => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name === ".bin") continue;
      if (e.name.startsWith("@")) list(join(d, e.name), `${e.name}/`);
      else {
        packages.push(`${prefix}${e.name}`);
        const nested = join(d, e.name, "node_modules");
        try {
          list(nested);
        } catch {
          // no nested node_modules
        }
      }
    }
  };
  list(nm);
  return { bytes, packages: packages.sort() };
}

let work = "";
let tarballs: Record<string, string> = {};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "odeme-consumer-"));
  const packed = join(work, "tarballs");
  mkdirSync(packed);
  for (const dir of PACKAGES) run([...pnpm(), "pack", "--pack-destination", packed], join(root, dir));
  tarballs = Object.fromEntries(
    readdirSync(packed).map((f) => [f.replace(/^odeme-/, "@odeme/").replace(/-\d+\.\d+\.\d+.*\.tgz$/, ""), join(packed, f)]),
  );

  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const installed = INSTALLED.map(
    (dir) => tarballs[(JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as { name: string }).name] as string,
  );
  run(["npm", "install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...installed], app);
}, SETUP_MS);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const app = () => join(work, "app");

describe("the packed packages, installed with npm outside the workspace", () => {
  it("packs every package, with dist/, a LICENSE and no sources or maps", () => {
    expect(Object.keys(tarballs).sort()).toEqual([
      "@odeme/core",
      "@odeme/dineropay",
      "@odeme/generator",
      "@odeme/iyzico",
      "@odeme/parolapay",
      "@odeme/payments",
      "@odeme/paywall",
      "@odeme/sipay-wallet",
      "@odeme/spec",
      "@odeme/testkit",
    ]);
    for (const [name, file] of Object.entries(tarballs)) {
      const listing = run(["tar", "-tzf", file], work).stdout.split("\n").filter(Boolean);
      expect(listing, name).toEqual(
        expect.arrayContaining([
          "package/package.json",
          "package/LICENSE",
          "package/README.md",
          "package/dist/index.js",
          "package/dist/index.d.ts",
        ]),
      );
      expect(
        listing.filter((f) => (f.startsWith("package/src/") && f.endsWith(".ts")) || f.endsWith(".map")),
        name,
      ).toEqual([]);
      const pkg = JSON.parse(run(["tar", "-xzOf", file, "package/package.json"], work).stdout) as { dependencies?: Record<string, string> };
      // pnpm pack turned workspace: ranges into versions npm understands.
      expect(
        Object.values(pkg.dependencies ?? {}).filter((v) => v.startsWith("workspace:")),
        name,
      ).toEqual([]);
    }
    // openapi-fetch is inlined in core's bundle: its license notice ships with it.
    expect(run(["tar", "-tzf", tarballs["@odeme/core"] as string], work).stdout).toContain("package/THIRD_PARTY_LICENSES");
    for (const p of ["iyzico", "paywall", "dineropay", "parolapay", "sipay-wallet"]) {
      expect(run(["tar", "-tzf", tarballs[`@odeme/${p}`] as string], work).stdout).toContain("package/openapi.yaml");
    }
  });

  it.each([
    ["NodeNext", { module: "nodenext", moduleResolution: "nodenext" }],
    ["Bundler", { module: "preserve", moduleResolution: "bundler" }],
  ] as const)(
    "a consumer type-checks under %s resolution, and the types are real",
    (name, resolution) => {
      const dir = join(app(), `types-${name.toLowerCase()}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, "consumer.ts"),
        `import { createIyzicoClient, minorUnits as unusedMinor, OdemeError, type RefundV2Request } from "@odeme/iyzico";
import { createParolapayClient, minorUnits } from "@odeme/parolapay";
import { createDineroPayClient } from "@odeme/dineropay";
import { createPayments, parseMoney } from "@odeme/payments";
import { startIyzicoSimulator } from "@odeme/testkit";
import { isOdemeError } from "@odeme/core";
import pkg from "@odeme/iyzico/package.json" with { type: "json" };

export async function refund(): Promise<string> {
  const sim = await startIyzicoSimulator();
  const iyzico = createIyzicoClient({ ...sim.credentials, baseUrl: sim.url });
  const body: RefundV2Request = { paymentId: "1", price: "15.5", currency: "TRY", conversationId: "c" };
  // @ts-expect-error an amount is a decimal string, never a JSON number
  const wrong: RefundV2Request = { paymentId: "1", price: 15.5, currency: "TRY", conversationId: "c" };
  // @ts-expect-error Parolapay publishes no hosts: baseUrl is required
  createParolapayClient({ username: "u", password: "p" });
  // @ts-expect-error DineroPay has no sandbox
  createDineroPayClient({ merchantKey: "k", password: "p", environment: "sandbox" });
  createParolapayClient({ username: "u", password: "p", baseUrl: sim.url }).refund({ intent_id: "pi_1", amount: minorUnits(1500), currency: "TRY", merchant_ref: "r" });
  const payments = createPayments({ iyzico: { ...sim.credentials, baseUrl: sim.url } });
  const r = await payments.refund({ provider: "iyzico", payment: { paymentId: "1" }, amount: parseMoney("1.00", "TRY"), idempotencyKey: "k" });
  await sim.close();
  void wrong; void unusedMinor; void body; void isOdemeError; void OdemeError;
  return \`\${pkg.name} \${r.status}\`;
}
`,
      );
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            ...resolution,
            target: "es2022",
            lib: ["es2023", "dom"],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            resolveJsonModule: true,
            // Node's types, as a consumer of the testkit (a Node tool) has them; from the workspace, not installed again.
            types: ["node"],
            typeRoots: [join(root, "node_modules/@types")],
          },
          files: ["consumer.ts"],
        }),
      );
      const r = spawnSync(process.execPath, [tsc, "-p", dir], { cwd: dir, encoding: "utf8", timeout: 120_000 });
      expect(r.stdout + r.stderr).toBe("");
      expect(r.status).toBe(0);
    },
    150_000,
  );

  it("CommonJS can require() every installed package (Node >= 20.19)", () => {
    writeFileSync(
      join(app(), "require.cjs"),
      `const names = ${JSON.stringify(INSTALLED.map((d) => (JSON.parse(readFileSync(join(root, d, "package.json"), "utf8")) as { name: string }).name))};
const loaded = names.map((n) => [n, Object.keys(require(n)).length]);
const { createIyzicoClient } = require("@odeme/iyzico");
const { OdemeError } = require("@odeme/core");
let code = "";
try { createIyzicoClient({ apiKey: "", secretKey: "s", environment: "sandbox" }); } catch (e) { code = e instanceof OdemeError ? e.code : String(e); }
console.log(JSON.stringify({ loaded, code }));
`,
    );
    const r = run([process.execPath, "require.cjs"], app());
    const out = JSON.parse(r.stdout) as { loaded: [string, number][]; code: string };
    for (const [name, exports] of out.loaded) expect(exports, name).toBeGreaterThan(0);
    expect(out.loaded).toHaveLength(INSTALLED.length);
    // One class across the CJS boundary: the client's error is the core's OdemeError.
    expect(out.code).toBe("invalid_request");
  });

  it("refunds a payment against the odeme-sim bin of the installed testkit", async () => {
    const sim = spawn(join(app(), "node_modules/.bin/odeme-sim"), ["iyzico", "--json", "--port", "0"], {
      cwd: app(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    sim.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => sim.on("exit", (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        sim.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
          if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
        });
        void exited.then((code) => reject(new Error(`odeme-sim exited ${code} before printing its URL: ${stderr}`)));
      });
      const info = JSON.parse(line) as {
        url: string;
        credentials: { apiKey: string; secretKey: string };
        payments: { paymentId: string }[];
      };
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      writeFileSync(
        join(app(), "refund.mjs"),
        `import { createPayments, parseMoney } from "@odeme/payments";
const [url, apiKey, secretKey, paymentId] = process.argv.slice(2);
const payments = createPayments({ iyzico: { apiKey, secretKey, baseUrl: url } });
const refund = await payments.refund({ provider: "iyzico", payment: { paymentId }, amount: parseMoney("10.00", "TRY"), idempotencyKey: "consumer-r1" });
const again = await payments.refund({ provider: "iyzico", payment: { paymentId }, amount: parseMoney("10.00", "TRY"), idempotencyKey: "consumer-r1" });
const details = await payments.retrieve({ provider: "iyzico", payment: { paymentId } });
console.log(JSON.stringify({ status: refund.status, minor: String(refund.amount.minor), replayed: again.replayed, refunded: details.refundedAmount && String(details.refundedAmount.minor) }));
`,
      );
      const payment = info.payments[0]?.paymentId as string;
      const r = spawnSync(process.execPath, ["refund.mjs", info.url, info.credentials.apiKey, info.credentials.secretKey, payment], {
        cwd: app(),
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual({ status: "succeeded", minor: "1000", replayed: true, refunded: "1000" });
    } finally {
      sim.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it("@odeme/iyzico with its dependencies stays small", () => {
    const dir = join(work, "footprint");
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "footprint", private: true }));
    run(
      [
        "npm",
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        tarballs["@odeme/iyzico"] as string,
        tarballs["@odeme/core"] as string,
      ],
      dir,
    );
    const { bytes, packages } = footprint(dir);
    const own = footprint(join(dir, "node_modules/@odeme")).bytes;
    // For comparison: iyzipay, iyzico's official SDK, installs 74 packages and 5.6 MB.
    console.log(
      `@odeme/iyzico install footprint: ${packages.length} packages, ${(bytes / 1000).toFixed(1)} kB unpacked, of which @odeme/* ${(own / 1000).toFixed(1)} kB (${packages.join(", ")})`,
    );
    // openapi-fetch is inlined in @odeme/core's bundle (packages/core/build/bundle.mjs says why).
    expect(packages).toEqual(["@odeme/core", "@odeme/iyzico"]);
    expect(own).toBe(bytes);
    // The goal was 250 kB; it held (183.6 kB) while the spec had 9 operations. With iyzico's whole
    // API (87 operations: 1 023 kB unpacked; it was under 1 MB with 67) the types
    // (schema.d.ts, client.d.ts), the constraints table and the shipped spec (openapi.yaml) are most
    // of it: this bound keeps it from growing unnoticed.
    expect(bytes).toBeLessThanOrEqual(1_100_000);
  }, 120_000);
});
