import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { iyzwsV2Header } from "./providers/iyzico/sign.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tsx = "node_modules/tsx/dist/cli.mjs";

function run(args: string[]) {
  const child = spawn(process.execPath, [tsx, "packages/testkit/src/cli.ts", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    const check = () => (stdout.includes("\n") ? resolve(stdout.slice(0, stdout.indexOf("\n"))) : undefined);
    child.stdout.on("data", check);
    void exited.then(() => reject(new Error(`exited before printing a line; stderr: ${stderr}`)));
  });
  // Not every test reads the first line; an early exit must not become an unhandled rejection.
  firstLine.catch(() => {});
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("cli: sim <provider>", () => {
  it("--json prints exactly one JSON line with seeded references, serves them, and exits 0 on SIGTERM", async () => {
    const sim = run(["iyzico", "--json"]);
    try {
      const info = JSON.parse(await sim.firstLine) as {
        provider: string;
        url: string;
        credentials: { apiKey: string; secretKey: string };
        payments: { paymentId: string; paidPrice: string; items: { itemId: string; paymentTransactionId: string; price: string }[] }[];
      };
      expect(info).toMatchObject({
        provider: "iyzico",
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        credentials: { apiKey: "sandbox-sim-api-key", secretKey: "sandbox-sim-secret-key" },
      });
      expect(info.payments.length).toBeGreaterThanOrEqual(2);
      const [payment] = info.payments;
      const item = payment?.items[0];
      expect(item).toMatchObject({
        itemId: expect.any(String),
        paymentTransactionId: expect.stringMatching(/^\d+$/),
        price: expect.any(String),
      });

      const body = JSON.stringify({ paymentTransactionId: item?.paymentTransactionId, price: item?.price });
      const response = await fetch(`${info.url}/payment/refund`, {
        method: "POST",
        headers: {
          authorization: iyzwsV2Header(info.credentials.apiKey, info.credentials.secretKey, "7", "/payment/refund", body),
          "x-iyzi-rnd": "7",
        },
        body,
      });
      expect(await response.json()).toMatchObject({ status: "success", paymentId: payment?.paymentId });
    } finally {
      sim.child.kill("SIGTERM");
    }
    expect(await sim.exited).toBe(0);
    expect(sim.output().stdout.trimEnd().split("\n")).toHaveLength(1);
  });

  it("prints readable text by default", async () => {
    const sim = run(["iyzico", "--port", "0"]);
    try {
      expect(await sim.firstLine).toMatch(/^iyzico simulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      sim.child.kill("SIGINT");
    }
    expect(await sim.exited).toBe(0);
    expect(sim.output().stdout).toContain("sandbox-sim-secret-key");
    expect(sim.output().stdout).toMatch(/paymentTransactionId \d+/);
  });

  // `npx pnpm sim` puts wrappers between the shell and the simulator that do not forward SIGTERM;
  // when the one that launched it is killed, the simulator must not stay behind holding its port.
  it("stops when the process that launched it is gone", async () => {
    const launcherCode = `const { spawn } = require("node:child_process");
      const c = spawn(process.execPath, ["--import", "tsx", "packages/testkit/src/cli.ts", "iyzico", "--json"], { stdio: ["ignore", "pipe", "inherit"] });
      c.stdout.once("data", (d) => process.stdout.write(JSON.stringify({ pid: c.pid, line: String(d) }) + "\\n"));`;
    const launcher = spawn(process.execPath, ["-e", launcherCode], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    const first = await new Promise<string>((resolve) => launcher.stdout.setEncoding("utf8").once("data", resolve));
    const { pid, line } = JSON.parse(first) as { pid: number; line: string };
    const { url } = JSON.parse(line) as { url: string };
    expect((await fetch(`${url}/payment/detail`, { method: "POST" })).status).toBeGreaterThan(0);
    launcher.kill("SIGKILL");
    await expect.poll(() => isRunning(pid), { timeout: 10_000, interval: 100 }).toBe(false);
  });

  it("an unknown provider lists the known ones and exits 2", async () => {
    const sim = run(["nope"]);
    expect(await sim.exited).toBe(2);
    expect(sim.output().stderr).toContain("Known providers: dineropay, iyzico, parolapay, paywall, sipay-wallet.");
  });
});
