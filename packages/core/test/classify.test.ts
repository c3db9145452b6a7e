import { describe, expect, it } from "vitest";
import { classifyFetchFailure, errorForStatus } from "../src/classify.ts";
import { PROVIDER, READ, WRITE } from "./transport/fixtures.ts";

const how = { timedOut: false, callerAborted: false };

describe("classifyFetchFailure: not_sent only on evidence that nothing left", () => {
  it.each([
    ["Node (undici)", new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })],
    ["Node (node:http)", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })],
    [
      "Deno",
      new TypeError("fetch failed", {
        cause: new Error(
          "error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection refused (os error 111)",
        ),
      }),
    ],
    ["a fetch-spec bad port", new TypeError("Fetch failed: Requests to port 9 are blocked")],
  ])("%s: a refused connection is network / not_sent, even for a write", (_runtime, e) => {
    expect(classifyFetchFailure(PROVIDER, WRITE, e, how)).toMatchObject({ code: "network", outcome: "not_sent", retryable: true });
  });

  it("a connection lost after sending is outcome_unknown for a write, a retryable network error for a read", () => {
    const lost = new Error("Network connection lost.");
    expect(classifyFetchFailure(PROVIDER, WRITE, lost, how)).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(classifyFetchFailure(PROVIDER, READ, lost, how)).toMatchObject({ code: "network", outcome: "rejected", retryable: true });
  });

  it("a timeout or the caller's abort of a write is outcome_unknown", () => {
    expect(classifyFetchFailure(PROVIDER, WRITE, new Error("x"), { timedOut: true, callerAborted: false })).toMatchObject({
      code: "outcome_unknown",
    });
    expect(classifyFetchFailure(PROVIDER, READ, new Error("x"), { timedOut: true, callerAborted: false })).toMatchObject({
      code: "timeout",
      retryable: true,
    });
    expect(classifyFetchFailure(PROVIDER, READ, new Error("x"), { timedOut: false, callerAborted: true })).toMatchObject({
      code: "aborted",
    });
  });
});

describe("errorForStatus", () => {
  it("5xx other than 503 is outcome_unknown for a write only", () => {
    expect(errorForStatus(502, false).code).toBe("outcome_unknown");
    expect(errorForStatus(502, true).code).toBe("provider_unavailable");
    expect(errorForStatus(503, false).code).toBe("provider_unavailable");
  });
});
