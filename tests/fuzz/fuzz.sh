#!/usr/bin/env bash
# `make fuzz`: schemathesis over openapi/openapi.json against a running `sesam serve` on a freshly
# seeded demo database, as each role, with the checks not_a_server_error, status_code_conformance,
# content_type_conformance and response_schema_conformance. Any failure, or a panic in the
# server's log, fails the run.
#
#   FUZZ_EXAMPLES   test cases per operation and phase (default 50; `make test` runs a bounded 5)
#   FUZZ_PHASES     schemathesis phases (default examples,coverage,fuzzing,stateful)
#   FUZZ_SEED       a seed, to repeat a run (default: random, printed)
#   FUZZ_BACKEND    postgres (default) or sqlite
#   FUZZ_ROLES      which roles (default: anonymous member orderer it support)
#   SESAM_BIN, PG_URL
#
# Schemathesis lives in a virtualenv under .venv (gitignored), made here on first use.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin=${SESAM_BIN:-$root/target/debug/sesam}
examples=${FUZZ_EXAMPLES:-50}
phases=${FUZZ_PHASES:-examples,coverage,fuzzing,stateful}
seed=${FUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}
backend=${FUZZ_BACKEND:-postgres}
roles=${FUZZ_ROLES:-anonymous member orderer it support}
pg=${PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
venv=$root/.venv
out=$root/target/fuzz
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
demo_password=sesam-demo-2026

[ -x "$bin" ] || { echo "fuzz: no $bin; build it first (make build)" >&2; exit 1; }
if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "fuzz: installing schemathesis into $venv"
  if ! python3 -m venv "$venv"; then
    # Debian's python3 needs its venv module as a package of its own.
    [ "$(id -u)" = 0 ] && apt-get install -y python3-venv >/dev/null && python3 -m venv "$venv" \
      || { echo "fuzz: python3 -m venv failed (apt-get install python3-venv)" >&2; exit 1; }
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis>=4.32,<5"
fi
rm -rf "$out" && mkdir -p "$out"

# A seeded demo database.
db_name=sesam_fuzz_$$
case $backend in
  postgres)
    db_url="${pg%/*}/$db_name"
    psql -q "$pg" -c "CREATE DATABASE $db_name" >/dev/null ;;
  sqlite) db_url="sqlite://$out/demo.db?mode=rwc" ;;
  *) echo "fuzz: FUZZ_BACKEND is postgres or sqlite" >&2; exit 2 ;;
esac
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "$backend" = postgres ]; then psql -q "$pg" -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null || true; fi
}
trap cleanup EXIT
export SESAM_DATABASE_URL=$db_url SESAM_ARGON2=m=1024,t=1,p=1 RUST_LOG=info,actix_server=warn
"$bin" seed-demo >"$out/seed.log" 2>&1 || { cat "$out/seed.log" >&2; exit 1; }

SESAM_BIND=127.0.0.1:0 SESAM_JWT_SECRET=fuzz-secret-that-is-long-enough-0123456789 \
  "$bin" serve >"$out/server.out" 2>"$out/server.log" &
server_pid=$!
base=
for _ in $(seq 1 300); do
  base=$(sed -n 's/^sesam: listening on //p' "$out/server.out")
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "fuzz: the server did not start" >&2; exit 1; }

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login() {
  curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$demo_password\"}" | json_field '["access_token"]'
}
account_id() {
  curl -sf -G "$base/api/v1/accounts" -H "authorization: Bearer $support" --data-urlencode "q=$1" \
    | json_field '["items"][0]["id"]'
}
# Support issues an API token for an account (so IT and the orderer are fuzzed with API tokens,
# which a fuzzed password change cannot end).
api_token() {
  curl -sf -X POST "$base/api/v1/accounts/$(account_id "$1")/api-tokens" -H "authorization: Bearer $support" \
    -H 'content-type: application/json' -d '{"name":"fuzz"}' | json_field '["token"]'
}
support=$(login support@kommun.example)
member=$(login lisa.berg@omsorgnord.example)
orderer=$(api_token anna.lind@omsorgnord.example)
it=$(api_token it@kommun.example)
for t in "$support" "$member" "$orderer" "$it"; do
  [ -n "$t" ] || { echo "fuzz: could not get a token for every role" >&2; exit 1; }
done
declare -A token=([anonymous]="" [member]=$member [orderer]=$orderer [it]=$it [support]=$support)

echo "fuzz: $base on $backend, $examples examples per operation, phases $phases, seed $seed"
failed=()
for role in $roles; do
  header=()
  [ -n "${token[$role]}" ] && header=(-H "Authorization: Bearer ${token[$role]}")
  start=$(date +%s)
  set +e
  # Signing out everywhere (rule 18) would end the role's session for the rest of the run.
  "$venv/bin/schemathesis" --no-color run openapi/openapi.json --url "$base" "${header[@]}" \
    --exclude-path /api/v1/auth/logout-all \
    --checks "$checks" --max-examples "$examples" --phases "$phases" --seed "$seed" \
    --suppress-health-check all --request-timeout 20 --warnings off \
    --report junit --report-junit-path "$out/$role.xml" >"$out/$role.txt" 2>&1
  rc=$?
  set -e
  summary=$(grep -E '^=+ .* in [0-9.]+s =+$' "$out/$role.txt" | tail -1 | tr -d '=' | sed 's/^ *//;s/ *$//')
  echo "fuzz: as $role: ${summary:-no summary} (exit $rc, $(( $(date +%s) - start ))s)"
  if [ "$rc" -ne 0 ]; then
    failed+=("$role")
    sed -n '/^=* \(FAILURES\|ERRORS\) =*$/,/^=* SUMMARY =*$/p' "$out/$role.txt" | head -150
  fi
done

kill -0 "$server_pid" 2>/dev/null || { echo "fuzz: the server died" >&2; failed+=(server-died); }
if grep -q "panicked" "$out/server.log"; then
  echo "fuzz: the server panicked:" >&2
  grep -A2 "panicked" "$out/server.log" | head -20 >&2
  failed+=(panic)
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED (${failed[*]}); reports in $out, repeat with FUZZ_SEED=$seed" >&2
  exit 1
fi
echo "fuzz: 0 failures as $roles"
