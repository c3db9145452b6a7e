/**
 * Leak scan, real-HTTP half: each provider's simulator (packages/testkit) on 127.0.0.1, configured
 * with the harness's credentials, driven into every failure it can produce: an authentication
 * failure (the client holds other, equally secret credentials), a 4xx for an unknown payment,
 * each injected fault (resets before and after the provider acts, HTML 500/502/503 pages, bad
 * and truncated JSON, a body slower than the time limit) and a refused connection. Each path runs
 * through each generated client (a read, a write) and the facade (retrieve, refund); every
 * output form is searched (harness.ts). Expect 0 hits.
 */
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OdemeError } from "../../packages/core/src/index.ts";
import { startSimulator, type Fault, type Simulator } from "../../packages/testkit/src/index.ts";
import {
  configuredNeedles,
  PROVIDERS,
  recordWire,
  scan,
  SECRETS,
  surfaces,
  thrown,
  WRONG,
  type ProviderId,
  type Tally,
} from "./harness.ts";

const needles = configuredNeedles();
const tally: Tally = { paths: 0, forms: 0, hits: 0 };
afterAll(() => {
  console.log(
    `leak scan (simulators, real HTTP): ${tally.paths} paths driven, ${tally.forms} output forms searched for ${needles.forms} secret forms (${needles.pieces} 8-character pieces): ${tally.hits} hits`,
  );
});

type Scenario = { name: string; fault?: Fault; wrongCredentials?: boolean; refused?: boolean; timeoutMs?: number };
const SCENARIOS: Scenario[] = [
  { name: "authentication failure", wrongCredentials: true },
  { name: "4xx: an unknown payment" },
  { name: "reset before the provider acts", fault: { kind: "reset-before" } },
  { name: "reset after the provider acts", fault: { kind: "reset-after" } },
  { name: "HTML 500", fault: { kind: "http-error", status: 500 } },
  { name: "HTML 502", fault: { kind: "http-error", status: 502 } },
  { name: "HTML 503", fault: { kind: "http-error", status: 503 } },
  { name: "bad JSON", fault: { kind: "malformed-json" } },
  { name: "truncated JSON", fault: { kind: "truncated-json" } },
  { name: "body slower than the time limit", fault: { kind: "slow-body", ms: 1_000 }, timeoutMs: 150 },
  { name: "refused connection", refused: true },
];

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Real HTTP to the simulator; the wrapper only notes what went on the wire and the tokens that came back. */
async function wiretap(request: Request): Promise<Response> {
  await recordWire(needles, request);
  const response = await globalThis.fetch(request);
  if (new URL(request.url).pathname.endsWith("/token") && response.ok) {
    const token = (await response.clone().json()) as { access_token?: string; refresh_token?: string };
    needles.addWire("issued access_token", token.access_token);
    needles.addWire("issued refresh_token", token.refresh_token);
  }
  return response;
}

describe.each(PROVIDERS)("%s simulator: every failure", (provider: ProviderId) => {
  let sim: Simulator;
  let refusedUrl: string;
  beforeAll(async () => {
    sim = await startSimulator(provider, { credentials: { ...SECRETS[provider] } });
    refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.close());

  const names = surfaces(provider, { baseUrl: "", logger: () => undefined, timeoutMs: 0 }).map((s) => s.name);
  const cases = SCENARIOS.flatMap((scenario) =>
    names.map((surfaceName) => [`${surfaceName}: ${scenario.name}`, { scenario, surfaceName }] as const),
  );

  it.each(cases)("%s", async (_title, { scenario, surfaceName }) => {
    const events: unknown[] = [];
    if (scenario.fault) sim.faults.inject(scenario.fault);
    const drive = {
      baseUrl: scenario.refused ? refusedUrl : sim.url,
      fetch: wiretap,
      logger: (e: unknown) => events.push(e),
      timeoutMs: scenario.timeoutMs ?? 5_000,
    };
    const surface = surfaces(provider, drive, scenario.wrongCredentials ? WRONG[provider] : SECRETS[provider]).find(
      (s) => s.name === surfaceName,
    );
    const before = sim.requests.length;
    const error = await thrown(() => (surface as { run: () => Promise<unknown> }).run());
    if (!scenario.refused) expect(sim.requests.length, "the path reached the simulator").toBeGreaterThan(before);
    expect(error).toBeInstanceOf(OdemeError);
    expect(scan(needles, error, events, tally)).toEqual([]);
  });
});
