#!/usr/bin/env bash
# Browser tests: Debian's Chromium driven by playwright-core against the production build, served
# by `next start` on the embedded database in demo mode. Usage: bash tests/browser/run.sh [results-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
results="${1:-.ci-results}"
mkdir -p "$results"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
[ -f .next/BUILD_ID ] || npx next build

port="${E2E_PORT:-3310}"
data="$(mktemp -d)"
export CONCORD_DATA_DIR="$data" DEMO_MODE=on APP_URL="http://127.0.0.1:$port" E2E_BASE_URL="http://127.0.0.1:$port" NEXT_TELEMETRY_DISABLED=1
export SESSION_SECRET="${SESSION_SECRET:-e2e-session-secret-0123456789abcdef0123456789}"
unset DATABASE_URL POSTGRES_URL
node node_modules/next/dist/bin/next start -p "$port" > "$results/e2e-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; then break; fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/api/health" >/dev/null || { echo "server did not start"; cat "$results/e2e-server.log"; exit 1; }
npx vitest run --config tests/browser/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$results/browser.json"
