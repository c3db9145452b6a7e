#!/usr/bin/env node
/**
 * odeme-sim: runs one provider simulator in the foreground with seeded credentials and demo data.
 *   sim <provider> [--port N] [--json]
 * --json prints exactly one JSON line (for scripts that spawn the simulator and read its URL).
 * SIGINT/SIGTERM/SIGHUP close the server and exit 0; so does the end of whatever launched it (see
 * watchLauncher). Usage errors and unknown providers exit 2.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { findProvider, providerIds } from "./providers/index.ts";

const USAGE = "usage: sim <provider> [--port N] [--json]";

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { port: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean" } },
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(`${USAGE}\nproviders: ${providerIds().join(", ")}\n`);
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) return fail(`${USAGE}\nproviders: ${providerIds().join(", ")}`);
  const provider = findProvider(id);
  if (!provider) return fail(`Unknown provider "${id}". Known providers: ${providerIds().join(", ")}.`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be an integer 0-65535, got "${values.port}"`);

  const sim = await provider.start({ port });
  const demo = provider.seedDemo(sim);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop);
  watchLauncher(stop);

  if (values.json) {
    const line = { provider: provider.id, url: sim.url, credentials: sim.credentials, ...demo.references };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
  const credentials = Object.entries(sim.credentials).map(([name, value]) => `  ${name}: ${value}`);
  process.stdout.write(
    [
      `${provider.name} simulator listening on ${sim.url}`,
      "credentials:",
      ...credentials,
      "seeded:",
      ...demo.text,
      "Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

/**
 * Started through wrappers (`npx pnpm sim` is npm exec -> sh -> pnpm -> sh -> node), the
 * simulator outlived a wrapper stopped with SIGTERM: none of them forwards it, and an orphaned
 * simulator keeps its port. So it also stops when its parent exits, or when the process that
 * started the job (its process-group leader: the command typed in the shell) is gone. The group is
 * read from /proc where there is one; elsewhere only the parent is watched.
 */
function watchLauncher(stop: () => void): void {
  const parent = process.ppid;
  const leader = processGroupLeader();
  const timer = setInterval(() => {
    if (process.ppid !== parent || (leader !== undefined && !alive(leader))) stop();
  }, 500);
  timer.unref();
}

function processGroupLeader(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name (which may contain spaces): state, ppid, pgrp, ...
    const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    return Number.isInteger(pgrp) && pgrp > 1 && pgrp !== process.pid ? pgrp : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
