/**
 * Leak scan, echo half: an injected fetch plays a provider or proxy that echoes the request it
 * got (every header, the body, a token response) back in a 4xx JSON error, a 401 text, an HTML
 * 5xx page and a truncated 200; a connection that resets or is refused with the request in the
 * socket error; a request that times out; and the echo shifted so that each secret straddles
 * each cut the transport makes (120 characters of message, 200 of a logged body, 500 of `raw`).
 * Every path runs through each generated client (a read, a write) and the facade (retrieve,
 * refund); every output form is searched (harness.ts). Expect 0 hits.
 */
import { afterAll, describe, expect, it } from "vitest";
import { OdemeError } from "../../packages/core/src/index.ts";
import {
  configuredNeedles,
  CUTS,
  Needles,
  PROVIDERS,
  recordWire,
  scan,
  SECRETS,
  surfaces,
  thrown,
  type ProviderId,
  type Tally,
} from "./harness.ts";

const needles = configuredNeedles();
const tally: Tally = { paths: 0, forms: 0, hits: 0 };
afterAll(() => {
  console.log(
    `leak scan (echo, injected fetch): ${tally.paths} paths driven, ${tally.forms} output forms searched for ${needles.forms} secret forms (${needles.pieces} 8-character pieces): ${tally.hits} hits`,
  );
});

const TOKEN_PATH = "/connect/token";
let issued = 0;

/** Where each provider's envelope puts its error code and message. */
const ENVELOPE: Record<ProviderId, { code: string; message: string }> = {
  iyzico: { code: "errorCode", message: "errorMessage" },
  paywall: { code: "ErrorCode", message: "Message" },
  dineropay: { code: "error_code", message: "error_message" },
  parolapay: { code: "error.code", message: "error.message" },
  "sipay-wallet": { code: "code", message: "message" },
};

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let cur = target;
  for (const part of parts.slice(0, -1)) cur = (cur[part] ??= {}) as Record<string, unknown>;
  cur[parts[parts.length - 1] as string] = value;
}

type Echo = { text: string; headers: Record<string, string>; body: string; wire: string };
type Scenario = { name: string; reply: (echo: Echo) => Response | Promise<Response>; tokenEndpoint?: boolean };

const html = (status: number, text: string) => new Response(text, { status, headers: { "content-type": "text/html" } });

function scenarios(provider: ProviderId): Scenario[] {
  const env = ENVELOPE[provider];
  const list: Scenario[] = [
    {
      name: "4xx JSON error echoing the request",
      reply: (e) => {
        const body: Record<string, unknown> = { echo: { headers: e.headers, body: e.body }, note: e.text };
        setPath(body, env.code, "E_ECHO");
        setPath(body, env.message, e.text);
        return Response.json(body, { status: 400 });
      },
    },
    {
      name: "auth failure (401 text) echoing the request",
      reply: (e) => new Response(`Unauthorized. ${e.text}`, { status: 401, headers: { "content-type": "text/plain" } }),
    },
    {
      name: "HTML 5xx echoing the request",
      reply: (e) => html(502, `<html><body><h1>502 Bad Gateway</h1><pre>${e.text}</pre></body></html>`),
    },
    {
      name: "truncated JSON 200 echoing the request",
      reply: (e) =>
        new Response(`{"echo":${JSON.stringify(e.text)},"status":"succ`, { status: 200, headers: { "content-type": "application/json" } }),
    },
    {
      name: "reset, the socket error quoting the request",
      reply: (e) => {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error(`socket hang up after ${e.text}`), { code: "ECONNRESET" }) });
      },
    },
    {
      name: "refused connection",
      reply: () => {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", syscall: "connect" }),
        });
      },
    },
    { name: "timeout", reply: () => new Promise<Response>(() => undefined) },
  ];
  if (provider === "sipay-wallet") {
    list.push({
      name: "token endpoint rejecting the client, echoing the form",
      tokenEndpoint: true,
      reply: (e) => Response.json({ error: "invalid_client", error_description: `unknown client: ${e.text}` }, { status: 400 }),
    });
  }
  // Each secret, and the credential this very request carried, straddling each cut.
  const placed: { label: string; value: (e: Echo) => string }[] = [
    ...Object.entries(SECRETS[provider]).map(([k, v]) => ({ label: k, value: () => v })),
    { label: "the request's own credential", value: (e: Echo) => e.wire },
  ];
  for (const cut of CUTS) {
    for (const before of [4, 12]) {
      for (const p of placed) {
        const text = (e: Echo) => `${"x".repeat(cut - before)}${p.value(e)} and then the rest of the page`;
        list.push({ name: `${p.label} across the ${cut}-character cut (HTML 5xx, ${before} before)`, reply: (e) => html(502, text(e)) });
        list.push({
          name: `${p.label} across the ${cut}-character cut (bad JSON 200, ${before} before)`,
          reply: (e) => new Response(text(e), { status: 200, headers: { "content-type": "application/json" } }),
        });
      }
    }
  }
  return list;
}

/** The secret a request carried: its authorization credential, a key header, the signed hash, the client secret. */
function wireSecret(headers: Record<string, string>, body: string): string {
  const auth = headers.authorization?.replace(/^\S+\s+/, "");
  if (auth) return auth;
  if (headers.apikeyprivate) return headers.apikeyprivate;
  if (headers.apikeypublic) return headers.apikeypublic;
  const hash = /"hash":"([^"]+)"/.exec(body)?.[1] ?? new URLSearchParams(body).get("client_secret");
  return hash ?? "";
}

function echoFetch(provider: ProviderId, scenario: Scenario, seen: { calls: number }) {
  return async (request: Request): Promise<Response> => {
    seen.calls += 1;
    const { text: body, headers } = await recordWire(needles, request);
    const url = new URL(request.url);
    if (provider === "sipay-wallet" && url.pathname === TOKEN_PATH && !scenario.tokenEndpoint) {
      const token = {
        access_token: `eyJ${"A".repeat(4)}.${crypto.randomUUID()}.${++issued}`,
        refresh_token: `rt-${crypto.randomUUID()}`,
        expires_in: 3600,
        token_type: "Bearer",
      };
      needles.addWire("issued access_token", token.access_token);
      needles.addWire("issued refresh_token", token.refresh_token);
      return Response.json(token);
    }
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
    // A proxy that dumps what it got, and a provider that also echoes the token it knows of.
    const text = `${request.method} ${url.pathname}\n${lines.join("\n")}\n\n${body}\n{"access_token":"${headers.authorization?.replace(/^Bearer /, "") ?? ""}"}`;
    return scenario.reply({ text, headers, body, wire: wireSecret(headers, body) });
  };
}

describe.each(PROVIDERS)("%s: echoing providers, every cut", (provider) => {
  const cases = scenarios(provider).flatMap((scenario) =>
    surfaces(provider, { baseUrl: "http://provider.test", logger: () => undefined, timeoutMs: 50 }).map((surface) => ({
      scenario,
      surfaceName: surface.name,
    })),
  );
  it.each(cases.map((c) => [`${c.surfaceName}: ${c.scenario.name}`, c] as const))("%s", async (_title, { scenario, surfaceName }) => {
    const events: unknown[] = [];
    const seen = { calls: 0 };
    const surface = surfaces(provider, {
      baseUrl: "http://provider.test",
      fetch: echoFetch(provider, scenario, seen),
      logger: (e) => events.push(e),
      timeoutMs: 50,
    }).find((s) => s.name === surfaceName);
    const error = await thrown(() => (surface as { run: () => Promise<unknown> }).run());
    expect(seen.calls, "the path reached the provider").toBeGreaterThan(0);
    expect(error).toBeInstanceOf(OdemeError);
    expect(scan(needles, error, events, tally)).toEqual([]);
  });
});

/**
 * A card number (in a provider's echo of a description, say) straddling each cut. Unlike the
 * secrets above, no configured value lets the scrubber recognize a cut card number afterwards:
 * this half depends on the transport masking before it cuts (clip, packages/core/src/transport.ts).
 */
describe.each(PROVIDERS)("%s: a card number across each cut", (provider) => {
  const PAN = "5528 7900 0000 0008";
  const cards = new Needles();
  cards.add("card number", PAN, false);
  cards.add("card number digits", PAN.replace(/ /g, ""), false);
  const cases = CUTS.flatMap((cut) => [6, 12].map((before) => ({ cut, before })));
  it.each(cases)("client read, HTML 5xx: the card number $before characters before the $cut-character cut", async ({ cut, before }) => {
    const events: unknown[] = [];
    const scenario: Scenario = { name: "card", reply: () => html(502, `${"x".repeat(cut - before)}${PAN} was declined, see the page`) };
    const seen = { calls: 0 };
    const [read] = surfaces(provider, {
      baseUrl: "http://provider.test",
      fetch: echoFetch(provider, scenario, seen),
      logger: (e) => events.push(e),
      timeoutMs: 50,
    });
    const error = await thrown(() => (read as { run: () => Promise<unknown> }).run());
    expect(seen.calls).toBeGreaterThan(0);
    expect(scan(cards, error, events, tally)).toEqual([]);
  });
});
