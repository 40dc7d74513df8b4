#!/usr/bin/env bash
# `make bench`: Sesam at scale, measured against the machine's own ceiling.
#
#  1. a fresh PostgreSQL database, filled by `sesam seed-bulk` (BENCH_ORDERS, default 1,000,000);
#  2. the list queries' plans (`sesam explain-orders`): an index on orders, never a sequential scan;
#  3. the release server on it, loaded by wrk from a second process at BENCH_CONNECTIONS (16):
#     GET /health/live first (the ceiling, in the same run), then the API's scenarios;
#  4. one line per scenario (requests/s, p50, p99, ratio to the ceiling, non-2xx), the server's
#     peak RSS, and the targets met or not;
#  5. cleans up: stops the server, drops the database (BENCH_KEEP=1 keeps it).
#
# It exits 0 whatever the figures; BENCH_STRICT=1 makes it exit 1 when a target is missed.
#
# Everything it prints is also written to target/bench/ (results.txt, explain.txt, seed.txt, server.log).

set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SESAM_BIN:-$ROOT/target/release/sesam}
ORDERS=${BENCH_ORDERS:-1000000}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
PG_ADMIN=${PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DB=${BENCH_DB:-sesam_bench}
OUT=$ROOT/target/bench
PG_BASE=${PG_ADMIN%/*}
DB_URL=$PG_BASE/$DB
SCENARIO_LUA=$ROOT/bench/scenario.lua

# No NOTICEs (DROP DATABASE IF EXISTS …) in the output.
export PGOPTIONS="-c client_min_messages=warning"

command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
command -v psql >/dev/null || { echo "bench: psql is missing (apt-get install -y postgresql-client)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: $BIN is not built (cargo build --release -p sesam-api)" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$OUT"/results.raw "$OUT"/warmup.raw
exec > >(tee "$OUT/results.txt") 2>&1

SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" != 1 ]; then
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  else
    echo "bench: kept the database: $DB_URL"
  fi
}
trap cleanup EXIT

sql() { psql -qtA "$DB_URL" -c "$1"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
secs() { date +%s.%N; }

echo "== Sesam benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "postgres: $(psql -qtA "$PG_ADMIN" -c 'SHOW server_version'), shared_buffers $(psql -qtA "$PG_ADMIN" -c 'SHOW shared_buffers')"
echo "load average at start: $(load)"
echo "orders: $ORDERS; wrk: $CONNECTIONS connections, $THREADS threads, $DURATION per scenario after a $WARMUP warm-up"
echo

psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql -q "$PG_ADMIN" -c "CREATE DATABASE $DB" >/dev/null
SESAM_DATABASE_URL=$DB_URL RUST_LOG=warn "$BIN" migrate >/dev/null

echo "== seed-bulk --orders $ORDERS"
start=$(secs)
SESAM_DATABASE_URL=$DB_URL RUST_LOG=warn "$BIN" seed-bulk --orders "$ORDERS" >"$OUT/seed.txt" 2>"$OUT/seed.log"
seed_secs=$(echo "$(secs) - $start" | bc)
tail -n 1 "$OUT/seed.log"
cat "$OUT/seed.txt"
printf 'seed-bulk: %.1f s for %s orders (load average now %s)\n\n' "$seed_secs" "$ORDERS" "$(load)"
ORDERER=$(awk '/^orderer: / {print $2}' "$OUT/seed.txt")
IT=$(awk '/^it: / {print $2}' "$OUT/seed.txt")
PASSWORD=$(awk '/^orderer: / {print $3}' "$OUT/seed.txt")

echo "== EXPLAIN of the list queries (as the server runs them: prepared, after warm-up)"
: >"$OUT/explain.txt"
plans_ok=1
for who_query in "orderer|limit=50" "orderer|limit=50&status=draft" "it|status=submitted&limit=50" \
                 "it|status=submitted&order=oldest&limit=50" "it|limit=50" "orderer|mine=true&limit=50"; do
  who=${who_query%%|*}; query=${who_query#*|}
  email=$ORDERER; [ "$who" = it ] && email=$IT
  {
    echo "-- GET /api/v1/orders?$query as $who ($email)"
    SESAM_DATABASE_URL=$DB_URL RUST_LOG=warn "$BIN" explain-orders --as "$email" --query "$query" --analyze
    echo
  } >>"$OUT/explain.txt"
done
if grep -q "Seq Scan on orders" "$OUT/explain.txt"; then
  plans_ok=0
  echo "PLANS: a list query scans the whole orders table (see $OUT/explain.txt)"
else
  echo "plans: every list query reads orders through an index (see $OUT/explain.txt)"
fi
grep -E '^-- |Index|Execution Time' "$OUT/explain.txt" | sed 's/^/  /' | grep -E '^  -- |Index (Only )?Scan.* on orders|Execution Time' || true
echo

echo "== the release server"
SERVER_OUT=$OUT/server.out
: >"$SERVER_OUT"
SESAM_DATABASE_URL=$DB_URL SESAM_BIND=127.0.0.1:0 \
  SESAM_JWT_SECRET="bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
  RUST_LOG=${BENCH_RUST_LOG:-info} "$BIN" serve >"$SERVER_OUT" 2>"$OUT/server.log" &
SERVER_PID=$!
for _ in $(seq 1 600); do
  grep -q 'listening on' "$SERVER_OUT" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: the server stopped; see $OUT/server.log" >&2; exit 1; }
  sleep 0.1
done
BASE=$(sed -n 's/^sesam: listening on //p' "$SERVER_OUT" | head -n1)
echo "server: $BASE (pid $SERVER_PID, $(grep -c ^processor /proc/cpuinfo) cores; workers and pool: defaults)"

login() {
  curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
ORDERER_TOKEN=$(login "$ORDERER")
IT_TOKEN=$(login "$IT")
[ -n "$ORDERER_TOKEN" ] && [ -n "$IT_TOKEN" ] || { echo "bench: cannot log in as $ORDERER / $IT" >&2; exit 1; }

sql "SELECT id FROM orders WHERE status <> 'draft' ORDER BY md5(id::text) LIMIT 20000" >"$OUT/ids.txt"
sql "SELECT a.email FROM accounts a JOIN ordering_rights r ON r.account_id = a.id AND r.revoked_at IS NULL
     WHERE a.active ORDER BY a.email" >"$OUT/emails.txt"
PERMISSION=$(sql "SELECT p.id FROM permissions p JOIN systems s ON s.id = p.system_id
                  WHERE s.name = 'Lifecare' AND p.name = 'Utförare – dokumentera'")
UNIT=$(sql "SELECT u.id FROM units u JOIN accounts a ON a.provider_id = u.provider_id
            WHERE a.email = '$ORDERER' ORDER BY u.name LIMIT 1")
echo "scenario data: $(wc -l <"$OUT/ids.txt") order ids, $(wc -l <"$OUT/emails.txt") accounts to log in as"
echo

run() { # name scenario token [query]
  local name=$1 scenario=$2 token=$3 query=${4:-limit=50}
  for phase in warmup measure; do
    local duration=$DURATION results=$OUT/results.raw offset=1000000
    [ $phase = warmup ] && duration=$WARMUP && results=$OUT/warmup.raw && offset=0
    SCENARIO=$scenario BENCH_NAME=$name BENCH_TOKEN=$token BENCH_QUERY=$query BENCH_IDS=$OUT/ids.txt \
      BENCH_EMAILS=$OUT/emails.txt BENCH_PASSWORD=$PASSWORD BENCH_PERMISSION=$PERMISSION BENCH_UNIT=$UNIT \
      BENCH_THREADS=$THREADS BENCH_RESULTS=$results BENCH_OFFSET=$offset \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s -s "$SCENARIO_LUA" "$BASE" >"$OUT/wrk-$scenario.txt"
  done
  print_line "$(tail -n 1 "$OUT/results.raw")"
}

CEILING=
print_header() {
  printf '%-36s %10s %9s %9s %7s %8s %9s\n' scenario 'req/s' p50 p99 ratio non-2xx 'peak RSS'

}
print_line() {
  read -r name requests duration p50 p99 non2xx errors <<<"$1"
  local rps
  rps=$(echo "scale=1; $requests * 1000000 / $duration" | bc)
  [ -z "$CEILING" ] && CEILING=$rps
  local ratio
  ratio=$(echo "scale=3; $rps / $CEILING" | bc)
  local hwm
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
  printf '%-36s %10.1f %7.2fms %7.2fms %7.3f %8d %6.1f MB%s\n' "$(echo "$name" | tr '_' ' ')" "$rps" \
    "$(echo "scale=3; $p50 / 1000" | bc)" "$(echo "scale=3; $p99 / 1000" | bc)" "$ratio" "$non2xx" \
    "$(echo "scale=1; $hwm / 1024" | bc)" "$([ "$errors" -gt 0 ] && echo " ($errors socket errors)")"
  echo "$name $rps $p50 $p99 $ratio $non2xx" >>"$OUT/summary.raw"
}

: >"$OUT/summary.raw"
echo "== load (load average before: $(load))"
print_header
run "GET_/health/live" health ""
run "GET_/orders/{id}_(IT)" order "$IT_TOKEN"
run "GET_/orders?limit=50_(orderer)" list "$ORDERER_TOKEN" "limit=50"
run "GET_/orders?status=submitted_(IT)" list "$IT_TOKEN" "status=submitted&limit=50"
run "POST_/orders_(orderer)" create "$ORDERER_TOKEN"
run "POST_/auth/login_(many_accounts)" login ""
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
echo
printf 'server peak RSS (VmHWM): %.1f MB; RSS now %.1f MB\n' "$(echo "$HWM_KB / 1024" | bc -l)" "$(echo "$RSS_KB / 1024" | bc -l)"
echo "load average at the end: $(load)"
echo "server log: $(grep -c ' 5[0-9][0-9] ' "$OUT/server.log" || true) answers 5xx, $(grep -ci 'warn\|error' "$OUT/server.log" || true) warnings or errors"
echo

# Access reviews at scale (issue 15): the provider with the most active holdings gets a review;
# starting it, reading a page of 200 items and saving 200 decisions are each timed once (target < 1 s).
echo "== access reviews (one request each, the provider with the most active holdings)"
REVIEW_PROVIDER=$(sql "SELECT provider_id FROM holdings WHERE ended_at IS NULL GROUP BY provider_id ORDER BY count(*) DESC LIMIT 1")
REVIEW_HOLDINGS=$(sql "SELECT count(*) FROM holdings WHERE ended_at IS NULL AND provider_id = '$REVIEW_PROVIDER'")
REVIEW_ORDERER=$(sql "SELECT a.email FROM accounts a JOIN ordering_rights r ON r.account_id = a.id AND r.revoked_at IS NULL
                      WHERE a.active AND r.provider_id = '$REVIEW_PROVIDER' ORDER BY a.email LIMIT 1")
SESAM_DATABASE_URL=$DB_URL RUST_LOG=warn "$BIN" create-admin --email bench.support@kommun.example \
  --password "$PASSWORD" --name "Bench Support" >/dev/null
ADMIN_TOKEN=$(login bench.support@kommun.example)
REVIEW_ORDERER_TOKEN=$(login "$REVIEW_ORDERER")
timed() { # label method path token [body] -> prints "label: status, seconds"
  local label=$1 method=$2 path=$3 token=$4 body=${5:-}
  local args=(-s -o "$OUT/review-answer.json" -w '%{http_code} %{time_total}' -X "$method" "$BASE/api/v1$path"
    -H "authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H 'content-type: application/json' --data-binary "@$body")
  read -r code secs <<<"$(curl "${args[@]}")"
  printf '%-44s %s in %6.3f s %s\n' "$label" "$code" "$secs" "$([ "$(echo "$secs < 1" | bc)" = 1 ] && echo met || echo 'NOT MET')"
  echo "review_$label $code $secs" >>"$OUT/summary.raw"
}
DUE=$(date -u -d '+30 days' +%Y-%m-%d)
printf '{"provider_id":"%s","due_date":"%s"}' "$REVIEW_PROVIDER" "$DUE" >"$OUT/review-start.json"
timed "start (${REVIEW_HOLDINGS} holdings)" POST /reviews "$ADMIN_TOKEN" "$OUT/review-start.json"
REVIEW_ID=$(sed -n 's/^{"items":\[{"id":"\([^"]*\)".*/\1/p' "$OUT/review-answer.json")
timed "a page of 200 items" GET "/reviews/$REVIEW_ID/items?limit=200" "$REVIEW_ORDERER_TOKEN"
sql "SELECT json_build_object('items', json_agg(json_build_object('item_id', i.id, 'decision', 'keep')))
     FROM (SELECT ri.id FROM review_items ri WHERE ri.review_id = '$REVIEW_ID' AND ri.personal_number NOT IN
           (SELECT coalesce(personal_number, '') FROM accounts WHERE email = '$REVIEW_ORDERER')
           ORDER BY ri.last_name, ri.first_name, ri.id LIMIT 200) i" >"$OUT/review-decisions.json"
timed "200 decisions" POST "/reviews/$REVIEW_ID/decisions" "$REVIEW_ORDERER_TOKEN" "$OUT/review-decisions.json"
echo

# The targets: (name, min ratio, max p99 in ms)
echo "== targets (PostgreSQL, $ORDERS orders, $CONNECTIONS connections)"
failed=0
check() {
  local name=$1 min_ratio=$2 max_p99=$3
  read -r _ rps p50 p99 ratio non2xx <<<"$(awk -v n="$name" '$1 == n' "$OUT/summary.raw")"
  local p99ms ratio_ok=met p99_ok=met
  p99ms=$(echo "scale=2; $p99 / 1000" | bc)
  [ "$(echo "$ratio < $min_ratio" | bc)" = 1 ] && ratio_ok="NOT MET" && failed=1
  [ "$(echo "$p99ms > $max_p99" | bc)" = 1 ] && p99_ok="NOT MET" && failed=1
  [ "$non2xx" -gt 0 ] && failed=1
  printf '%-36s ratio %5.3f (≥ %s) %-7s  p99 %6.2f ms (≤ %s ms) %-7s  non-2xx %d\n' "$(echo "$name" | tr '_' ' ')" \
    "$ratio" "$min_ratio" "$ratio_ok" "$p99ms" "$max_p99" "$p99_ok" "$non2xx"
}
check "GET_/orders/{id}_(IT)" 0.15 20
check "GET_/orders?limit=50_(orderer)" 0.08 50
check "GET_/orders?status=submitted_(IT)" 0.08 50
check "POST_/orders_(orderer)" 0.03 50
if [ "$HWM_KB" -lt $((150 * 1024)) ]; then
  echo "server peak RSS below 150 MB: met"
else
  echo "server peak RSS below 150 MB: NOT MET"; failed=1
fi
[ "$plans_ok" = 1 ] && echo "list plans use an index on orders: met" || { echo "list plans use an index on orders: NOT MET"; failed=1; }
printf 'seed-bulk of %s orders under 60 s: %s (%.1f s)\n' "$ORDERS" \
  "$([ "$(echo "$seed_secs < 60" | bc)" = 1 ] && echo met || echo 'NOT MET')" "$seed_secs"
# A report by default; BENCH_STRICT=1 makes a missed target fail the run (for a gate).
if [ "${BENCH_STRICT:-0}" = 1 ]; then exit $failed; fi
