#!/usr/bin/env bash
# Quality gates: every spec lints clean, the hand-written code is formatted and lints clean (Biome),
# the workspace type-checks, every publishable package packs correctly for ESM consumers, and the
# generated packages match their specs.
# Expects `pnpm build` to have run (publint and attw inspect dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off
bin=node_modules/.bin

step() { printf '\n== %s\n' "$*"; }

step "redocly lint (recommended rules) on specs/*.yaml"
"$bin/redocly" lint specs/*.yaml --format=summary

# biome.json: Biome's recommended rules and a 140-column formatter over hand-written TS/JS/JSON
# (generated packages, golden files, specs, YAML and Markdown excluded). Rules turned off there,
# because obeying them would rewrite deliberate code without fixing anything:
#   noCommaOperator, noAssignInExpressions: one-expression test fakes, `return (x ??= make())` singletons;
#   useIterableCallbackReturn: forEach callbacks that push; useMathMinMax: Math.min/max throw on bigint money;
#   noNonNullAssertion: `!` after a lookup under noUncheckedIndexedAccess; noImplicitAnyLet: tsc types
#   `let x;` by control flow; noControlCharactersInRegex: the scrubbers match control characters on
#   purpose; noEmptyCharacterClassInRegex: misreads `[^]` (any character). In tests and bench only:
#   noPrecisionLoss (tests assert that loss) and noExplicitAny (untyped JSON fixtures).
step "biome ci (format + lint, biome.json)"
"$bin/biome" ci --max-diagnostics=50

step "tsc --noEmit over the workspace"
"$bin/tsc" --noEmit -p .

step "odeme-gen --check"
"$bin/tsx" generator/src/cli.ts --check

root=$PWD
for pkg in generator packages/*/; do
  pkg=${pkg%/}
  name=$(node -p "require('./$pkg/package.json').name")
  step "publint + attw: $name"
  # npm pack: pnpm is not on PATH when run through npx, and publint would default to it.
  (cd "$pkg" && "$root/$bin/publint" --pack npm --strict)
  (cd "$pkg" && "$root/$bin/attw" --pack . --profile esm-only --format table-flipped)
done
printf '\nlint: all gates passed\n'
