# Sesam — the two commands a new user needs: `make run` and `make test`.
# Everything else here is what they are made of.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

CARGO        ?= cargo
PROFILE      ?= debug
CARGO_FLAGS  := $(if $(filter release,$(PROFILE)),--release,)
SESAM_BIN    := $(CURDIR)/target/$(PROFILE)/sesam
DATABASE_URL ?= sqlite://$(CURDIR)/sesam.db?mode=rwc
PG_URL       ?= postgres://postgres@127.0.0.1:5432/postgres
TEST_THREADS ?= 4
# `make fuzz`: test cases per operation and phase; `make test` runs a bounded fuzz (below).
FUZZ_EXAMPLES ?= 50

.PHONY: run test build frontend frontend-deps frontend-size chromium postgres openapi check-openapi \
        test-rust test-frontend test-e2e oidc-deps lint fmt clean fuzz fuzz-bounded clients bench bench-sqlite bench-tools \
        check-compose compose-tool outbox

## run: build the API and the SPA, seed the demo into ./sesam.db, serve both at http://127.0.0.1:8080
run: build frontend
	SESAM_DATABASE_URL='$(DATABASE_URL)' $(SESAM_BIN) seed-demo
	SESAM_DATABASE_URL='$(DATABASE_URL)' SESAM_FRONTEND_DIR='$(CURDIR)/frontend/dist' exec $(SESAM_BIN) serve

## test: every test — Rust on SQLite and PostgreSQL, a bounded fuzz run, frontend checks and units, browser end
## to end, the login page's JavaScript against its budget, and docker-compose.yml
test: postgres frontend-deps chromium lint check-compose test-rust fuzz-bounded clients test-frontend test-e2e frontend-size
	@echo "make test: all green"

build:
	$(CARGO) build $(CARGO_FLAGS) -p sesam-api --bin sesam

## frontend: the production build of the SPA in frontend/dist
frontend: frontend-deps
	cd frontend && npm run build

## frontend-size: the JavaScript the login page loads first, gzipped, within its budget (120 kB)
frontend-size: frontend
	cd frontend && npm run size

frontend-deps:
	@if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then \
	  cd frontend && npm ci --no-audit --no-fund; \
	fi

## chromium: the browser for the end-to-end tests (Debian's package; installed when root)
chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi
	if [ "$$(id -u)" = 0 ]; then apt-get install -y chromium >/dev/null || (apt-get update >/dev/null && apt-get install -y chromium >/dev/null); \
	else echo "Chromium is missing: sudo apt-get install -y chromium" >&2; exit 1; fi

## check-compose: docker-compose.yml parses with .env.example and the secrets given, and refuses to start
## without them (no Docker engine needed: `config` only reads the files). A .env here and the caller's
## variables do not count.
check-compose: compose-tool
	compose() { env -i PATH="$$PATH" "$$@" docker-compose --env-file .env.example -f docker-compose.yml config -q; }
	compose POSTGRES_PASSWORD=check SESAM_JWT_SECRET=check-check-check-check-check-check
	if compose 2>/dev/null; then echo "docker-compose.yml starts without POSTGRES_PASSWORD and SESAM_JWT_SECRET" >&2; exit 1; fi

## compose-tool: Debian's docker-compose, which can check a compose file (installed when root)
compose-tool:
	@if command -v docker-compose >/dev/null; then exit 0; fi
	if [ "$$(id -u)" = 0 ]; then apt-get install -y docker-compose >/dev/null || (apt-get update >/dev/null && apt-get install -y docker-compose >/dev/null); \
	else echo "docker-compose is missing: sudo apt-get install -y docker-compose" >&2; exit 1; fi

## postgres: make sure the local PostgreSQL answers (start it when it is stopped)
postgres:
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then exit 0; fi
	echo "PostgreSQL is not answering on 127.0.0.1:5432; starting it"
	if ! ls /etc/postgresql >/dev/null 2>&1; then
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y postgresql >/dev/null; else echo "install PostgreSQL (apt-get install postgresql)" >&2; exit 1; fi
	fi
	for v in $$(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect $$v main start || true; done
	for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done
	echo "PostgreSQL did not start; the PostgreSQL tests cannot run" >&2; exit 1

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## oidc-deps: the OpenID provider the sign-in tests run (tests/oidc: oidc-provider on Node.js 20)
oidc-deps:
	@command -v node >/dev/null || { echo "Node.js 20 is missing: the OpenID Connect tests need it" >&2; exit 1; }
	if [ ! -d tests/oidc/node_modules ] || [ tests/oidc/package-lock.json -nt tests/oidc/node_modules/.package-lock.json ]; then \
	  cd tests/oidc && npm ci --no-audit --no-fund; \
	fi

## test-rust: unit tests, then the black-box tests against the built binary (SQLite and PostgreSQL)
test-rust: build oidc-deps
	$(CARGO) test $(CARGO_FLAGS) --workspace --exclude sesam-tests
	SESAM_BIN=$(SESAM_BIN) SESAM_TEST_PG='$(PG_URL)' $(CARGO) test $(CARGO_FLAGS) -p sesam-tests -- --test-threads $(TEST_THREADS)

test-frontend: frontend-deps
	cd frontend && npm run check && npm test

test-e2e: build frontend chromium oidc-deps
	cd frontend && SESAM_BIN=$(SESAM_BIN) npm run e2e

## outbox: the emails waiting in `make run`'s outbox (activation and reset links), when there is no SMTP
outbox:
	SESAM_DATABASE_URL='$(DATABASE_URL)' $(SESAM_BIN) outbox

## fuzz: schemathesis (in .venv, made on first use) over openapi/openapi.json against a seeded demo
## server, as no token, an account without rights, an orderer, IT and support; zero failures allowed
fuzz: build postgres
	SESAM_BIN=$(SESAM_BIN) PG_URL='$(PG_URL)' FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) tests/fuzz/fuzz.sh

## fuzz-bounded: the short, repeatable fuzz run of `make test` (about a minute)
fuzz-bounded: build postgres
	SESAM_BIN=$(SESAM_BIN) PG_URL='$(PG_URL)' FUZZ_EXAMPLES=10 FUZZ_PHASES=examples,fuzzing FUZZ_SEED=20261128 \
	  tests/fuzz/fuzz.sh

## clients: what an integrator meets — Spectral (spectral:oas) and Redocly (recommended) lint the document
## with no error or warning; openapi-python-client (pinned) generates a Python client, and a scripted
## integration job drives a seeded demo with it, unmodified (tests/clients/run.sh)
clients: build
	SESAM_BIN=$(SESAM_BIN) tests/clients/run.sh

## openapi: regenerate openapi/openapi.json from the code, and the frontend's types from it
openapi: build
	$(SESAM_BIN) openapi > openapi/openapi.json
	cd frontend && npm run gen

fmt:
	$(CARGO) fmt --all

## bench: the release server on PostgreSQL with BENCH_ORDERS orders (default 1,000,000), loaded by wrk at
## 16 connections against the machine's own ceiling; see docs/performance.md
bench: postgres bench-tools
	$(CARGO) build --release -p sesam-api --bin sesam
	SESAM_BIN=$(CURDIR)/target/release/sesam PG_URL='$(PG_URL)' bench/run.sh

## bench-sqlite: the same load on the embedded default, SQLite (BENCH_SQLITE_ORDERS, default 200,000)
bench-sqlite: bench-tools
	$(CARGO) build --release -p sesam-api --bin sesam
	SESAM_BIN=$(CURDIR)/target/release/sesam bench/sqlite.sh

## bench-tools: wrk, pgbench and psql, bc, jq, sqlite3 (Debian's packages; installed when root)
BENCH_PACKAGES = wrk postgresql-client postgresql-contrib bc jq sqlite3
bench-tools:
	@if command -v wrk >/dev/null && command -v pgbench >/dev/null && command -v bc >/dev/null && command -v jq >/dev/null && command -v sqlite3 >/dev/null; then exit 0; fi
	if [ "$$(id -u)" = 0 ]; then apt-get install -y $(BENCH_PACKAGES) >/dev/null || (apt-get update >/dev/null && apt-get install -y $(BENCH_PACKAGES) >/dev/null); \
	else echo "needed: sudo apt-get install -y $(BENCH_PACKAGES)" >&2; exit 1; fi

clean:
	$(CARGO) clean
	rm -rf frontend/dist frontend/e2e-output frontend/test-results .venv .venv-clients .lint-tools .schemathesis .hypothesis schemathesis-report
	rm -f sesam.db sesam.db-wal sesam.db-shm
