#!/usr/bin/env bash
# Quality gates: every spec lints clean, the workspace type-checks, every publishable package
# packs correctly for ESM consumers, and the generated packages match their specs.
# Expects `pnpm build` to have run (publint and attw inspect dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off
bin=node_modules/.bin

step() { printf '\n== %s\n' "$*"; }

step "redocly lint (recommended rules) on specs/*.yaml"
"$bin/redocly" lint specs/*.yaml --format=summary

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
