#!/usr/bin/env bash
# `make clients` (part of `make test`): what an integrator meets, tried with tools nobody here wrote.
#  1. Spectral (`spectral:oas`) and Redocly (`recommended`) lint openapi/openapi.json: no errors, no
#     warnings.
#  2. openapi-python-client (pinned) generates a Python client from it, and a scripted integration
#     job (tests/clients/integration_job.py) drives a freshly seeded demo server with that code,
#     unmodified.
# The tools live in scratch folders (.venv-clients, .lint-tools, target/clients; all gitignored),
# made here on first use.
#
#   SESAM_BIN   the server binary (default target/debug/sesam)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin=${SESAM_BIN:-$root/target/debug/sesam}
venv=$root/.venv-clients
lint=$root/.lint-tools
out=$root/target/clients
doc=$root/openapi/openapi.json
OPENAPI_PYTHON_CLIENT=0.29.1
SPECTRAL=6.16.3
REDOCLY=2.77.0

[ -x "$bin" ] || { echo "clients: no $bin; build it first (make build)" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"

# 1. The linters.
if [ ! -x "$lint/node_modules/.bin/spectral" ] || [ ! -x "$lint/node_modules/.bin/redocly" ] \
  || ! grep -q "\"version\": \"$SPECTRAL\"" "$lint/node_modules/@stoplight/spectral-cli/package.json" \
  || ! grep -q "\"version\": \"$REDOCLY\"" "$lint/node_modules/@redocly/cli/package.json"; then
  echo "clients: installing Spectral $SPECTRAL and Redocly $REDOCLY into $lint"
  mkdir -p "$lint" && echo '{"private": true}' >"$lint/package.json"
  (cd "$lint" && npm install --no-audit --no-fund --silent "@stoplight/spectral-cli@$SPECTRAL" "@redocly/cli@$REDOCLY")
fi
"$lint/node_modules/.bin/spectral" lint --ruleset "$root/tests/clients/spectral.yaml" --fail-severity hint \
  --format text "$doc" >"$out/spectral.txt" 2>&1 || { cat "$out/spectral.txt" >&2; echo "clients: Spectral found problems" >&2; exit 1; }
echo "clients: spectral:oas: $(grep -c ' error \| warning ' "$out/spectral.txt" || true) errors and warnings"
(cd "$root/tests/clients" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$lint/node_modules/.bin/redocly" lint --config redocly.yaml --max-problems 200 "$doc") >"$out/redocly.txt" 2>&1 \
  || { cat "$out/redocly.txt" >&2; echo "clients: Redocly found problems" >&2; exit 1; }
if grep -qE "You have [0-9]+ warning" "$out/redocly.txt"; then cat "$out/redocly.txt" >&2; echo "clients: Redocly warns" >&2; exit 1; fi
echo "clients: redocly recommended: $(grep -E 'Woohoo|valid\.' "$out/redocly.txt" | tail -1) (0 errors, 0 warnings)"

# 2. The generated Python client.
if ! "$venv/bin/openapi-python-client" --version 2>/dev/null | grep -q "$OPENAPI_PYTHON_CLIENT"; then
  echo "clients: installing openapi-python-client $OPENAPI_PYTHON_CLIENT into $venv"
  if ! python3 -m venv "$venv"; then
    [ "$(id -u)" = 0 ] && apt-get install -y python3-venv >/dev/null && python3 -m venv "$venv" \
      || { echo "clients: python3 -m venv failed (apt-get install python3-venv)" >&2; exit 1; }
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check "openapi-python-client==$OPENAPI_PYTHON_CLIENT"
fi
"$venv/bin/openapi-python-client" generate --path "$doc" --config "$root/tests/clients/openapi-python-client.yaml" --meta none --output-path "$out/python/sesam_client" \
  --overwrite >"$out/generate.txt" 2>&1 || { cat "$out/generate.txt" >&2; exit 1; }
if grep -qi "warning" "$out/generate.txt"; then cat "$out/generate.txt" >&2; echo "clients: the generator warns" >&2; exit 1; fi
echo "clients: generated $(find "$out/python/sesam_client/api" -name '*.py' ! -name '__init__.py' | wc -l) operations with openapi-python-client $OPENAPI_PYTHON_CLIENT"

# A seeded demo on SQLite, served on a free port.
server_pid=
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
export SESAM_DATABASE_URL="sqlite://$out/demo.db?mode=rwc" SESAM_ARGON2=m=1024,t=1,p=1 RUST_LOG=warn
"$bin" seed-demo >"$out/seed.log" 2>&1 || { cat "$out/seed.log" >&2; exit 1; }
SESAM_BIND=127.0.0.1:0 SESAM_JWT_SECRET=clients-secret-that-is-long-enough-0123456789 \
  "$bin" serve >"$out/server.out" 2>"$out/server.log" &
server_pid=$!
base=
for _ in $(seq 1 300); do
  base=$(sed -n 's/^sesam: listening on //p' "$out/server.out")
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "clients: the server did not start" >&2; exit 1; }

PYTHONPATH="$out/python" "$venv/bin/python" "$root/tests/clients/integration_job.py" "$base"
