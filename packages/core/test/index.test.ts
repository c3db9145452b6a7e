import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import * as core from "../src/index.ts";

describe("the portable entry", () => {
  it("bundles for a browser or an edge runtime without any node: module", async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("../src/index.ts", import.meta.url))],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      metafile: true,
      logLevel: "silent",
    });
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((p) => p.startsWith("node:"))).toEqual([]);
    expect(result.outputFiles[0]?.text).not.toMatch(/from\s*["']node:/);
  });

  it("exports every auth scheme the registry holds under its module's name", () => {
    expect(Object.values(core.AUTH_SCHEMES)).toEqual(
      expect.arrayContaining([
        core.basicAuth,
        core.headersAuth,
        core.iyzwsV2Auth,
        core.akuratecoHashAuth,
        core.oauth2ClientCredentialsAuth,
      ]),
    );
  });
});
