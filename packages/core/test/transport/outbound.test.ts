import { describe, expect, it } from "vitest";
import { LIMITS, outboundFor } from "../../src/transport/outbound.ts";

const PAN = "5528790000000008";

describe("outbound: mask first, then cut (issue 10.1)", () => {
  const out = outboundFor(["pin"]);

  it("a card number straddling the cut is masked whole: no prefix of it survives", () => {
    // The number starts 8 characters before the cut; cutting first would leak "55287900".
    const text = `${"x".repeat(LIMITS.message - 8)}${PAN} tail`;
    const shown = out.text(text, LIMITS.message);
    expect(shown).toHaveLength(LIMITS.message);
    expect(shown).not.toContain("55287900");
    expect(shown.endsWith("552879**")).toBe(true);
  });

  it("values mask the spec's secret fields and the shared names", () => {
    expect(out.value({ pin: "1234", apiKey: "k", ok: "fine" })).toEqual({ pin: "[REDACTED]", apiKey: "[REDACTED]", ok: "fine" });
    expect(out.form("client_secret=s&grant_type=client_credentials")).toBe("client_secret=%5BREDACTED%5D&grant_type=client_credentials");
    expect(out.headers({ authorization: "Bearer t", accept: "x" })).toEqual({ authorization: "[REDACTED]", accept: "x" });
  });
});
