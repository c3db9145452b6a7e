#!/usr/bin/env node
/**
 * odeme-sim: runs one provider simulator with seeded credentials and demo data; see help() for the
 * flags and exit codes. --json prints exactly one JSON line (for scripts that spawn the simulator
 * and read its URL).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { findProvider, providerIds } from "./providers/index.ts";

/** Exit codes, documented in help() and the README: scripts branch on them. */
const EXIT = {
  stopped: 0,
  unexpected: 1,
  usage: 2,
  portUnavailable: 3,
  launcherGone: 4,
} as const;

const USAGE = "usage: odeme-sim <provider> [--port N] [--json] [--keep-alive]";

function help(): string {
  return `${USAGE}
providers: ${providerIds().join(", ")}

  --port N       listen on 127.0.0.1:N, N a whole number 0-65535; 0 (the default) takes any free port
  --json         print exactly one JSON line: { provider, url, credentials, ...seeded references }
  --keep-alive   keep running after the process that started it exits (e.g. a CI step that starts
                 the simulator in the background and tests in the next step); it then runs until
                 SIGINT or SIGTERM, and ignores SIGHUP
Without --keep-alive it also stops when the process that started it (its parent, or the command
typed in the shell) is gone, so a wrapper killed mid-way leaves no simulator holding its port.

exit codes:
  0  stopped by SIGINT, SIGTERM or SIGHUP
  1  unexpected error
  2  usage error or unknown provider
  3  the port is in use or not allowed (EADDRINUSE, EACCES)
  4  stopped because the process that started it exited (not with --keep-alive)
`;
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: "string" },
        json: { type: "boolean", default: false },
        "keep-alive": { type: "boolean", default: false },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(help());
  const [id, ...extra] = positionals;
  if (!id) return usageError("which provider?");
  if (extra.length > 0) return usageError(`one provider at a time, got ${positionals.map((p) => `"${p}"`).join(" ")}`);
  const provider = findProvider(id);
  if (!provider) return usageError(`Unknown provider "${id}". Known providers: ${providerIds().join(", ")}.`);
  const port = parsePort(values.port);
  if (port === undefined) return usageError(`--port must be a whole number 0-65535 (0 = any free port), got "${values.port}"`);

  let sim;
  try {
    sim = await provider.start({ port });
  } catch (error) {
    const reason = portUnavailable(error, port);
    if (reason === undefined) throw error;
    process.stderr.write(`odeme-sim: ${reason}\n`);
    process.exitCode = EXIT.portUnavailable;
    return;
  }
  const demo = provider.seedDemo(sim);
  let closing = false;
  const stop = (code: number) => {
    if (closing) return;
    closing = true;
    sim.close().then(
      () => process.exit(code),
      () => process.exit(EXIT.unexpected),
    );
  };
  process.on("SIGINT", () => stop(EXIT.stopped));
  process.on("SIGTERM", () => stop(EXIT.stopped));
  if (values["keep-alive"]) {
    // A terminal closing sends SIGHUP; the point of --keep-alive is to outlive it, as under nohup.
    process.on("SIGHUP", () => {});
  } else {
    process.on("SIGHUP", () => stop(EXIT.stopped));
    watchLauncher(() => {
      // Whoever reads stdout/stderr may be gone with the launcher; a write to a closed pipe must
      // not turn this clean stop into a crash.
      process.stdout.on("error", () => {});
      process.stderr.on("error", () => {});
      process.stderr.write("odeme-sim: stopping: the process that started it exited (use --keep-alive to keep it running)\n");
      stop(EXIT.launcherGone);
    });
  }

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
      values["keep-alive"] ? "Runs until SIGINT or SIGTERM (--keep-alive)." : "Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

/**
 * Only plain decimal digits: Number() would also take "" (an unset $PORT, silently a random port),
 * "0x1F91" and "1e4", none of which is what the caller meant.
 */
function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return 0;
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}

/** One line for the two listen errors a user can fix by choosing another port; undefined otherwise. */
function portUnavailable(error: unknown, port: number): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE") return `port ${port} is in use; pick another, or --port 0 for any free one`;
  if (code === "EACCES") return `port ${port} is not allowed for this user (EACCES); pick one above 1023, or --port 0 for any free one`;
  return undefined;
}

/**
 * Started through wrappers (`npx pnpm sim` is npm exec -> sh -> pnpm -> sh -> node), the
 * simulator outlived a wrapper stopped with SIGTERM: none of them forwards it, and an orphaned
 * simulator keeps its port. So by default it also stops when its parent exits, or when the process
 * that started the job (its process-group leader: the command typed in the shell) is gone. The
 * group is read from /proc where there is one; elsewhere only the parent is watched. --keep-alive
 * turns this off for the one case where outliving the launcher is the point.
 */
function watchLauncher(onGone: () => void): void {
  const parent = process.ppid;
  const leader = processGroupLeader();
  const timer = setInterval(() => {
    if (process.ppid !== parent || (leader !== undefined && !alive(leader))) {
      clearInterval(timer);
      onGone();
    }
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

function usageError(message: string): void {
  process.stderr.write(`odeme-sim: ${message}\n${USAGE}\nproviders: ${providerIds().join(", ")}\n`);
  process.exitCode = EXIT.usage;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`odeme-sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(EXIT.unexpected);
});
