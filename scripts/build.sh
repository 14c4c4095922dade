#!/usr/bin/env bash
# Bundles the two launchers' entry points into dist/ (code-split, dependencies left in node_modules)
# so a CLI call starts in a fraction of the time tsx needs. bin/* fall back to tsx when dist/ is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
node_modules/.bin/esbuild src/cli/main.ts standin/main.ts \
  --bundle --splitting --format=esm --platform=node --target=node20 --packages=external \
  --outdir=dist --outbase=. --chunk-names=chunks/[name]-[hash] --log-level=warning
touch dist/.built
