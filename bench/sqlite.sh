#!/usr/bin/env bash
# `make bench-sqlite`: the embedded default (SQLite) under the same load as `make bench`, for the
# figures beside PostgreSQL's. A fresh SQLite file filled by `sesam seed-bulk` (BENCH_SQLITE_ORDERS,
# default 200,000: SQLite inserts row by row), the release server on it, wrk at BENCH_CONNECTIONS (16)
# on the read endpoints and POST /orders; one line each (requests/s, p50, p99, non-2xx) and the
# server's peak RSS. No pgbench here: SQLite has no server to load.

set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SESAM_BIN:-$ROOT/target/release/sesam}
ORDERS=${BENCH_SQLITE_ORDERS:-200000}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-3s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
OUT=$ROOT/target/bench-sqlite
FILE=$OUT/sesam-bench.db
URL="sqlite://$FILE?mode=rwc"

command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is missing (apt-get install -y sqlite3)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: $BIN is not built (cargo build --release -p sesam-api)" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$FILE" "$FILE"-* "$OUT"/results.raw "$OUT"/warmup.raw
exec > >(tee "$OUT/results.txt") 2>&1

SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -f "$FILE" "$FILE"-*
}
trap cleanup EXIT
sql() { sqlite3 -batch -noheader "$FILE" "$1"; }

echo "== Sesam on SQLite: $(date -u +%Y-%m-%dT%H:%M:%SZ), $ORDERS orders, wrk $CONNECTIONS connections"
SESAM_DATABASE_URL=$URL RUST_LOG=warn "$BIN" migrate >/dev/null
start=$(date +%s.%N)
SESAM_DATABASE_URL=$URL RUST_LOG=warn "$BIN" seed-bulk --orders "$ORDERS" >"$OUT/seed.txt" 2>"$OUT/seed.log"
printf 'seed-bulk: %.1f s; file %s MB\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$(( $(stat -c %s "$FILE") / 1048576 ))"
ORDERER=$(awk '/^orderer: / {print $2}' "$OUT/seed.txt")
IT=$(awk '/^it: / {print $2}' "$OUT/seed.txt")
PASSWORD=$(awk '/^orderer: / {print $3}' "$OUT/seed.txt")

SERVER_OUT=$OUT/server.out
: >"$SERVER_OUT"
SESAM_DATABASE_URL=$URL SESAM_BIND=127.0.0.1:0 SESAM_JOBS_INTERVAL=off \
  SESAM_JWT_SECRET="bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
  RUST_LOG=warn "$BIN" serve >"$SERVER_OUT" 2>"$OUT/server.log" &
SERVER_PID=$!
for _ in $(seq 1 600); do
  grep -q 'listening on' "$SERVER_OUT" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: the server stopped; see $OUT/server.log" >&2; exit 1; }
  sleep 0.1
done
BASE=$(sed -n 's/^sesam: listening on //p' "$SERVER_OUT" | head -n1)
login() {
  curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
ORDERER_TOKEN=$(login "$ORDERER")
IT_TOKEN=$(login "$IT")
# Ids are 16-byte blobs in SQLite: written out as the API writes them.
uuid() { echo "lower(substr(hex($1),1,8)||'-'||substr(hex($1),9,4)||'-'||substr(hex($1),13,4)||'-'||substr(hex($1),17,4)||'-'||substr(hex($1),21))"; }
sql "SELECT $(uuid id) FROM orders WHERE status <> 'draft' ORDER BY random() LIMIT 20000" >"$OUT/ids.txt"
PROVIDER_HEX=$(sql "SELECT hex(r.provider_id) FROM ordering_rights r JOIN accounts a ON a.id = r.account_id
                    WHERE a.email = '$ORDERER' AND r.revoked_at IS NULL LIMIT 1")
SURNAME=$(sql "SELECT lower(last_name) FROM orders WHERE hex(provider_id) = '$PROVIDER_HEX' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
PERMISSION=$(sql "SELECT $(uuid p.id) FROM permissions p JOIN systems s ON s.id = p.system_id
                  WHERE s.name = 'Lifecare' AND p.name = 'Utförare – dokumentera'")
UNIT=$(sql "SELECT $(uuid id) FROM units WHERE hex(provider_id) = '$PROVIDER_HEX' ORDER BY name LIMIT 1")
echo "searched: surname '$SURNAME'"

run() { # name scenario token path
  for phase in warmup measure; do
    local duration=$DURATION results=$OUT/results.raw offset=2000000
    [ $phase = warmup ] && duration=$WARMUP && results=$OUT/warmup.raw && offset=0
    SCENARIO=$2 BENCH_NAME=$(echo "$1" | tr ' ' '_') BENCH_TOKEN=$3 BENCH_PATH=$4 BENCH_IDS=$OUT/ids.txt \
      BENCH_PERMISSION=$PERMISSION BENCH_UNIT=$UNIT BENCH_THREADS=$THREADS BENCH_RESULTS=$results BENCH_OFFSET=$offset \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s -s "$ROOT/bench/scenario.lua" "$BASE" >/dev/null
  done
  read -r name requests duration p50 p99 non2xx _ <<<"$(tail -n 1 "$OUT/results.raw")"
  printf '%-40s %9.1f req/s  p50 %7.2f ms  p99 %7.2f ms  non-2xx %d\n' "$1" \
    "$(echo "scale=1; $requests * 1000000 / $duration" | bc)" "$(echo "scale=2; $p50 / 1000" | bc)" \
    "$(echo "scale=2; $p99 / 1000" | bc)" "$non2xx"
}
run "GET /health/live" get "" /health/live
run "GET /orders/{id} (IT)" order "$IT_TOKEN" -
run "GET /orders?limit=50 (orderer)" get "$ORDERER_TOKEN" "/api/v1/orders?limit=50"
run "IT queue (status=submitted, oldest)" get "$IT_TOKEN" "/api/v1/orders?status=submitted&order=oldest&limit=50"
run "GET /orders?q=surname (orderer)" get "$ORDERER_TOKEN" "/api/v1/orders?q=$SURNAME&limit=50"
run "GET /holdings?limit=50 (orderer)" get "$ORDERER_TOKEN" "/api/v1/holdings?limit=50"
run "GET /compliance (IT)" get "$IT_TOKEN" /api/v1/compliance
run "GET /me/summary (orderer)" get "$ORDERER_TOKEN" /api/v1/me/summary
run "POST /orders (orderer)" create "$ORDERER_TOKEN" -
printf 'server peak RSS (VmHWM): %.1f MB\n' "$(echo "$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status") / 1024" | bc -l)"
