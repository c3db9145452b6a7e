import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of every workspace package, never a stale dist/.
    alias: [
      // On Node, clients resolve @odeme/core through its `node` condition (the node:http sender).
      { find: /^@odeme\/core$/, replacement: here("./packages/core/src/index.node.ts") },
      { find: /^@odeme\/generator$/, replacement: here("./generator/src/index.ts") },
      { find: /^@odeme\/([a-z-]+)$/, replacement: here("./packages/$1/src/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "generator/test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // Type tests (`expectTypeOf`, `@ts-expect-error`) run in `vitest run` too: vitest type-checks
    // these files with tsc and fails the run on a wrong type or an unused `@ts-expect-error`.
    // They also run as ordinary tests, so their runtime `it`s keep counting.
    typecheck: {
      enabled: true,
      include: ["packages/*/test/**/types.test.ts", "**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
