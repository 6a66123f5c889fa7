#!/usr/bin/env bash
# The write path against the databases' own floors, in one sitting (issue 17's targets):
#   1. the floors: ../shared/bench sqlite-floor.sh and pg-floor.sh (compact rows, no EPCIS work);
#   2. a bare parse of the demo documents (Python orjson), the ratio's reference;
#   3. `suyuan capture` of the 100,000-event demo document set (masterdata + 20 documents) into a new SQLite file and
#      into a new PostgreSQL schema, plain and partitioned=monthly (a throwaway cluster with fsync off, as the
#      floor's): events/s and bytes/event on disk (SQLite: the file and its WAL; PostgreSQL: every relation of the
#      schema, its partitions, indexes and TOAST included);
#   4. capture over HTTP into the SQLite store just written: CLIENTS clients posting 1,000-event documents
#      (scripts/http-capture-bench.py), with the server's peak RSS.
# usage: scripts/write-path-bench.sh [SUYUAN_BINARY] [EVENTS] [HTTP_EVENTS] [CLIENTS]
#        defaults: .build/release/suyuan, 100000, 40000, 8
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
suyuan="$(realpath "${1:-$root/.build/release/suyuan}")"; events="${2:-100000}"; http_events="${3:-40000}"
clients="${4:-8}"
[ -x "$suyuan" ] || die "$suyuan: build it first (swift build -c release --product suyuan)"
shared="$(dirname "$(conformance_dir)")"
work="$(mktemp -d)"
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null; stop_test_postgres; rm -rf "$work"; }
trap cleanup EXIT

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
log "floors (../shared/bench)"
bash "$shared/bench/sqlite-floor.sh" "$events"
bash "$shared/bench/pg-floor.sh" "$events"

demo="$root/.build/bench/demo-$events"
if [ ! -f "$demo/masterdata.jsonld" ]; then
    log "generating the $events-event demo document set into $demo"
    "$suyuan" demo generate --events "$events" --out "$demo" >/dev/null
fi
documents=("$demo"/events-*.jsonld)
count="$(python3 -c 'import json,sys; print(sum(len(json.load(open(p))["epcisBody"]["eventList"]) for p in sys.argv[1:]))' "${documents[@]}")"

venv="$root/.build/bench-venv"
[ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import orjson' 2>/dev/null || {
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check "orjson==3.10.18"; }
parse="$("$venv/bin/python" - "${documents[@]}" <<'PY'
import orjson, sys, time
data = [open(p, "rb").read() for p in sys.argv[1:]]
start = time.perf_counter()
for d in data: orjson.loads(d)
print(f"{time.perf_counter() - start:.3f}")
PY
)"
log "bare parse (orjson) of $count events: $parse s"

elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$@"; }
report() {  # $1 = label, $2 = seconds, $3 = bytes
    python3 -c "
import sys
label, seconds, size, count, parse = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
print(f'{label}: {count:,} events in {seconds:.2f} s: {count / seconds:,.0f} events/s; '
      f'{size / count:,.0f} bytes/event on disk; {seconds / parse:.1f} x the bare parse')" "$1" "$2" "$3" "$count" "$parse"
}

log "suyuan capture into a new SQLite file"
db="$work/capture.sqlite"
start=$(date +%s.%N)
"$suyuan" capture "$demo/masterdata.jsonld" "${documents[@]}" --store "sqlite:$db" >/dev/null
end=$(date +%s.%N)
size=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
report "SQLite capture" "$(elapsed "$start" "$end")" "$size"

# Captures the demo set into a new PostgreSQL schema $1 (store URL options $3) and reports it as $2, with every
# relation of the schema (its partitions, indexes and TOAST included) as its size.
pg_capture() {
    local schema="$1" label="$2" options="${3:-}" pg size
    pg="$SUYUAN_TEST_POSTGRES_URL?schema=$schema&ledgerKey=$work/$schema.ledger-key.pem$options"
    "$suyuan" migrate --store "$pg" >/dev/null
    start=$(date +%s.%N)
    "$suyuan" capture "$demo/masterdata.jsonld" "${documents[@]}" --store "$pg" >/dev/null
    end=$(date +%s.%N)
    size=$(psql -h "$POSTGRES_HOSTNAME" -p "$POSTGRES_PORT" -U suyuan -At "$POSTGRES_DB" -c \
        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = '$schema' AND c.relkind IN ('r', 'm')")
    report "$label" "$(elapsed "$start" "$end")" "$size"
}

log "suyuan capture into a new PostgreSQL schema"
start_test_postgres
pg_capture bench "PostgreSQL capture"

log "suyuan capture into a new PostgreSQL schema partitioned by month (docs/decisions/0025)"
pg_capture bench_partitioned "PostgreSQL capture, partitioned=monthly" "&partitioned=monthly"

log "capture over HTTP into the SQLite store: $clients clients, 1,000-event documents"
"$suyuan" demo generate --events "$http_events" --events-per-document 1000 --seed 4242 --out "$work/http" >/dev/null
key=$("$suyuan" key create --role admin --label bench --store "sqlite:$db" 2>/dev/null)
"$suyuan" capture "$work/http/masterdata.jsonld" --store "sqlite:$db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$suyuan" serve --store "sqlite:$db" --port "$port" --log-level warning > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
python3 "$root/scripts/http-capture-bench.py" "http://127.0.0.1:$port" "$key" "$clients" "$work"/http/events-*.jsonld
grep -E 'VmRSS|VmHWM' "/proc/$server/status"
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
