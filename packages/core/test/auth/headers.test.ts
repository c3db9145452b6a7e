import { describe, expect, it } from "vitest";
import { headersAuth } from "../../src/auth/headers.ts";
import { contextFor, op, thrown } from "./helpers.ts";

// Two sets, as Paywall's spec has them: public keys for payments, private keys for refunds.
const DEF = {
  scheme: "headers",
  sets: {
    public: { apikeypublic: "apiKeyPublic", apiclientpublic: "apiClientPublic" },
    private: { apikeyprivate: "apiKeyPrivate", apiclientprivate: "apiClientPrivate", apiclientpublic: "apiClientPublic" },
  },
} as const;
const KEYS = { apiKeyPublic: "kp", apiClientPublic: "cp", apiKeyPrivate: "kv", apiClientPrivate: "cv" };
const request = { uriPath: "/", body: "" };

describe("headersAuth", () => {
  it("sends the headers of the set the operation names", async () => {
    const scheme = headersAuth.create(DEF, contextFor(DEF, KEYS));
    expect(await scheme.headers?.(op({ authSet: "private" }), request)).toEqual({
      apikeyprivate: "kv",
      apiclientprivate: "cv",
      apiclientpublic: "cp",
    });
    expect(await scheme.headers?.(op({ authSet: "public" }), request)).toEqual({ apikeypublic: "kp", apiclientpublic: "cp" });
  });

  it("uses the first set for an operation that names none", async () => {
    const scheme = headersAuth.create(DEF, contextFor(DEF, KEYS));
    expect(await scheme.headers?.(op(), request)).toEqual({ apikeypublic: "kp", apiclientpublic: "cp" });
  });

  it("hands out a copy: a caller changing one request's headers does not change the next", async () => {
    const scheme = headersAuth.create(DEF, contextFor(DEF, KEYS));
    const first = (await scheme.headers?.(op(), request)) as Record<string, string>;
    first.apikeypublic = "changed";
    expect(await scheme.headers?.(op(), request)).toEqual({ apikeypublic: "kp", apiclientpublic: "cp" });
  });

  it("needs every key of every set when the client is made, naming the missing one", () => {
    const { apiClientPrivate: _, ...withoutOne } = KEYS;
    expect(thrown(() => headersAuth.create(DEF, contextFor(DEF, withoutOne)))).toMatchObject({
      code: "invalid_request",
      field: "apiClientPrivate",
      outcome: "not_sent",
    });
  });

  it("lists each credential and header once, every header a secret", () => {
    expect(headersAuth.credentials(DEF)).toEqual(["apiKeyPublic", "apiClientPublic", "apiKeyPrivate", "apiClientPrivate"]);
    expect(headersAuth.signedHeaders(DEF)).toEqual(["apikeypublic", "apiclientpublic", "apikeyprivate", "apiclientprivate"]);
    expect(headersAuth.secretNames(DEF)).toEqual(headersAuth.signedHeaders(DEF));
  });

  it("names its header and option names as public text, for the scrubber to leave readable", () => {
    expect(new Set(headersAuth.publicText?.(DEF))).toEqual(new Set([...headersAuth.signedHeaders(DEF), ...headersAuth.credentials(DEF)]));
  });
});
