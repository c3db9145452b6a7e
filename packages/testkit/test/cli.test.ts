import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { iyzwsV2Header } from "./providers/iyzico/sign.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tsx = "node_modules/tsx/dist/cli.mjs";

// Whatever a test started is stopped after it, pass or fail: children, the simulators they left
// running (by pid), process groups of detached launchers, servers holding a port, temp dirs.
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function killQuietly(pid: number, signal: NodeJS.Signals = "SIGTERM"): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function track(child: ChildProcess): void {
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
}

function run(args: string[]) {
  const child = spawn(process.execPath, [tsx, "packages/testkit/src/cli.ts", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  track(child);
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
    track(launcher);
    const first = await new Promise<string>((resolve) => launcher.stdout.setEncoding("utf8").once("data", resolve));
    const { pid, line } = JSON.parse(first) as { pid: number; line: string };
    cleanups.push(() => killQuietly(pid));
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

  it("--help names the flags and the exit codes", async () => {
    const sim = run(["--help"]);
    expect(await sim.exited).toBe(0);
    const { stdout } = sim.output();
    expect(stdout).toContain("--keep-alive");
    expect(stdout).toMatch(/^ {2}3 {2}the port is in use/m);
    expect(stdout).toMatch(/^ {2}4 {2}stopped because the process that started it exited/m);
  });

  // Number() would take all of these: "" (an unset $PORT) as a random port, hex, exponents.
  it.each(["", "0x1F91", "1e4", "65536", " 8080", "80.0", "-1"])(
    "--port=%j is a usage error naming the flag and value, exit 2",
    async (port) => {
      const sim = run(["iyzico", `--port=${port}`]);
      expect(await sim.exited).toBe(2);
      const { stdout, stderr } = sim.output();
      expect(stdout).toBe("");
      expect(stderr.split("\n")[0]).toBe(`odeme-sim: --port must be a whole number 0-65535 (0 = any free port), got "${port}"`);
    },
  );

  it("a port in use is one line naming it, exit 3", async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const { port } = holder.address() as { port: number };
    const sim = run(["iyzico", "--port", String(port)]);
    expect(await sim.exited).toBe(3);
    expect(sim.output()).toEqual({ stdout: "", stderr: `odeme-sim: port ${port} is in use; pick another, or --port 0 for any free one\n` });
  });

  // A CI step that starts the simulator in the background (`odeme-sim ... &`) and tests in the next
  // step: its shell exits at once. Both are started by the same short-lived shell; the one without
  // --keep-alive stopping shows the launcher watch had its chance to stop the other one too.
  it("started in the background by a shell that exits: with --keep-alive it keeps serving, without it stops saying why (exit 4)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "odeme-sim-cli-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const script = [
      `("$NODE" --import tsx packages/testkit/src/cli.ts iyzico --json > "$DIR/plain.log" 2>&1; echo "exit $?" >> "$DIR/plain.log") &`,
      `"$NODE" --import tsx packages/testkit/src/cli.ts iyzico --json --keep-alive > "$DIR/kept.log" 2>&1 &`,
      `echo $! > "$DIR/kept.pid"`,
    ].join("\n");
    // Detached: the shell leads its own process group, as a command typed in a terminal does.
    const shell = spawn("bash", ["-c", script], {
      cwd: root,
      detached: true,
      stdio: "ignore",
      env: { ...process.env, NODE: process.execPath, DIR: dir },
    });
    const group = shell.pid as number;
    cleanups.push(() => killQuietly(-group));
    expect(await new Promise<number | null>((resolve) => shell.on("exit", resolve))).toBe(0);
    const keptPid = Number(readFileSync(join(dir, "kept.pid"), "utf8"));
    cleanups.push(() => killQuietly(keptPid));

    const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : "");
    await expect.poll(() => read("plain.log"), { timeout: 20_000, interval: 100 }).toMatch(/\nexit \d+\n$/);
    const plain = read("plain.log").trimEnd().split("\n");
    expect(plain).toHaveLength(3);
    expect(JSON.parse(plain[0] as string)).toMatchObject({ provider: "iyzico" });
    expect(plain.slice(1)).toEqual([
      "odeme-sim: stopping: the process that started it exited (use --keep-alive to keep it running)",
      "exit 4",
    ]);

    await expect.poll(() => read("kept.log"), { timeout: 20_000, interval: 100 }).toContain("\n");
    const { url } = JSON.parse(read("kept.log").split("\n")[0] as string) as { url: string };
    expect((await fetch(`${url}/payment/detail`, { method: "POST" })).status).toBe(200);
    expect(isRunning(keptPid)).toBe(true);
    process.kill(keptPid, "SIGTERM");
    await expect.poll(() => isRunning(keptPid), { timeout: 10_000, interval: 100 }).toBe(false);
    expect(read("kept.log").trimEnd().split("\n")).toHaveLength(1);
  });
});
