/**
 * Starts bench/client/sim-server.ts in its own process (so a benchmark's process CPU time is its
 * clients' alone) and reads the one line it prints: the URL, credentials and seeded payment ids.
 * Shared by the client benchmarks.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface SimulatorProcess {
  url: string;
  credentials: { apiKey: string; secretKey: string };
  /** A payment to retrieve. */
  retrieve: string;
  /** One payment per client to refund from, each large enough for every refund of a run. */
  refund: string[];
  /** Ends the simulator (it stops when its stdin closes) and resolves once it has exited. */
  close(): Promise<void>;
}

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function startSimulatorProcess(clients: number): Promise<SimulatorProcess> {
  const server = spawn(process.execPath, ["--import", "tsx", "--conditions=@odeme/source", "bench/client/sim-server.ts", String(clients)], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`simulator exited ${code}`)));
    createInterface({ input: server.stdout! }).once("line", resolve);
  });
  const sim = JSON.parse(first) as Omit<SimulatorProcess, "close">;
  return {
    ...sim,
    close: () => {
      server.stdin!.end();
      return exited;
    },
  };
}
