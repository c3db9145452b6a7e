/**
 * Shared by the runtime tests: starts the iyzico and DineroPay simulators on 127.0.0.1, seeds a
 * payment in each, and bundles an entry with esbuild for the runtime under test.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import {
  startDineroPaySimulator,
  startIyzicoSimulator,
  type DineroPaySimulator,
  type IyzicoSimulator,
} from "../../packages/testkit/src/index.ts";
import type { RuntimeInput } from "./app.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, "../..");

export interface Simulators {
  iyzico: IyzicoSimulator;
  dineropay: DineroPaySimulator;
  input: RuntimeInput;
  close(): Promise<void>;
}

export async function startSimulators(): Promise<Simulators> {
  const iyzico = await startIyzicoSimulator();
  const dineropay = await startDineroPaySimulator();
  const ip = iyzico.seedPayment({ items: [{ id: "I1", price: "10.0" }] });
  const dp = dineropay.seedPayment({ amount: "10.00" });
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  return {
    iyzico,
    dineropay,
    input: {
      iyzico: { url: iyzico.url, ...iyzico.credentials, paymentId: ip.paymentId },
      dineropay: { url: dineropay.url, ...dineropay.credentials, paymentId: dp.paymentId } as RuntimeInput["dineropay"],
      closedUrl: `http://127.0.0.1:${closedPort}`,
    },
    close: async () => {
      await iyzico.close();
      await dineropay.close();
    },
  };
}

/**
 * `neutral`: what a browser or edge bundle gets (no Node built-in may be reached: esbuild fails on
 * one); `node`: the `node` export condition, as Bun and Deno resolve an npm package.
 */
export async function bundle(
  entry: "cli-entry.ts" | "worker-entry.ts",
  input: RuntimeInput,
  platform: "neutral" | "node",
): Promise<string> {
  const result = await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform,
    target: "es2022",
    conditions: platform === "node" ? ["@odeme/source", "node"] : ["@odeme/source"],
    mainFields: ["module", "main"],
    define: { ODEME_INPUT: JSON.stringify(input) },
    logLevel: "silent",
  });
  return (result.outputFiles[0] as { text: string }).text;
}

/** The runtime binaries that the `bun` and `deno` npm packages ship for this platform. */
export function runtimeBinary(name: "bun" | "deno"): string {
  const require = createRequire(join(repoRoot, "package.json"));
  const pkgDir = dirname(require.resolve(`${name}/package.json`));
  const fromPkg = createRequire(join(pkgDir, "package.json"));
  const arch = process.arch === "arm64" ? (name === "bun" ? "aarch64" : "arm64") : "x64";
  if (name === "bun") return join(dirname(fromPkg.resolve(`@oven/bun-${process.platform}-${arch}/package.json`)), "bin", "bun");
  return join(dirname(fromPkg.resolve(`@deno/${process.platform}-${arch}-glibc/package.json`)), "deno");
}

/**
 * Runs a runtime binary in `cwd` and resolves with its stdout; rejects with stderr on a non-zero
 * exit, or after `killAfterMs` (a runtime kept alive by something the client leaked, a timer or a
 * socket, never exits by itself).
 */
export function runRuntime(binary: string, args: string[], cwd: string, killAfterMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${binary} ${args.join(" ")} ended with ${code ?? signal}:\n${err}\n${out}`));
    });
  });
}
