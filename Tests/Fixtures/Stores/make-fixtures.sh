#!/usr/bin/env bash
# Writes the "store written by a release" fixtures of this folder with a given `suyuan` binary: a small demo world
# (417 chain events + 25 sector events + the recalls' own events), two recalls (one of serialised cans, one holder
# acknowledged), API keys, a consumer scan and report, a reconcile checkpoint; dumped as plain SQL (sqlite3 .dump,
# pg_dump), and the release's own answers on that store (query, trace, reconcile, recalls, proofs, verify), which
# Tests/ServerTests/ReleaseUpgradeTests.swift compares with what a later build answers after `suyuan migrate`.
#
# usage: make-fixtures.sh SUYUAN_BINARY POSTGRES_URL_OF_AN_EMPTY_DATABASE NAME
# e.g.   make-fixtures.sh .build/debug/suyuan postgres://suyuan@127.0.0.1:5432/scratch release-2026-12-07
# The fixtures of a release are written once, by that release, and never rewritten.
set -euo pipefail
bin="$(realpath "$1")"; pg="$2"; name="$3"
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/$name"; mkdir -p "$out"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
now=2026-12-08T00:00:00Z

one_store() {  # $1 = sqlite | postgres, $2 = store URL
    local kind="$1" store="$2" port
    "$bin" migrate --store "$store" >/dev/null
    "$bin" demo load --events 400 --events-per-document 100 --store "$store" >/dev/null 2>&1
    "$bin" recall issue 'https://id.gs1.org/01/06901234100013/10/L0000001' \
        --reason "fixture: a recall written by the release" --store "$store" >/dev/null
    "$bin" recall issue 'https://id.gs1.org/01/06901234100082/10/L0000019' \
        --reason "三聚氰胺 fixture recall (serialised cans)" --store "$store" >/dev/null
    local first; first="$("$bin" recall list --json --store "$store" | python3 -c 'import json,sys; print(json.load(sys.stdin)["recalls"][-1]["id"])')"
    "$bin" recall ack "$first" --party urn:epc:id:pgln:6900008.00001 --by "Fixture Ack" --store "$store" >/dev/null
    "$bin" key create --role regulator --label "fixture regulator" --store "$store" > "$out/$kind.regulator-key.txt"
    "$bin" key create --role party --party urn:epc:id:pgln:6900008.00001 --label "fixture party" --store "$store" >/dev/null
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "$bin" serve --store "$store" --port "$port" >"$work/serve.log" 2>&1 &
    local server=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
    curl -sf -o /dev/null "http://127.0.0.1:$port/01/06901234100099/21/100"
    curl -s -o /dev/null -X POST "http://127.0.0.1:$port/report" \
        --data-urlencode "key=https://id.gs1.org/01/06901234100099/21/100" --data-urlencode "problem=other" \
        --data-urlencode "text=奶粉结块 fixture report" --data-urlencode "lang=zh-CN" --data-urlencode "back=/"
    kill "$server"; wait "$server" || true
    # A checkpoint as the release keeps it (a later reconcile starts from it).
    "$bin" reconcile --now "$now" --json --store "$store" >/dev/null
    # The release's answers.
    "$bin" query --per-page 10000 --store "$store" > "$out/$kind.events.json"
    "$bin" reconcile --from-scratch --now "$now" --json --store "$store" > "$out/$kind.reconcile.json"
    "$bin" recall list --json --store "$store" > "$out/$kind.recalls.json"
    for id in $(python3 -c 'import json,sys; [print(r["id"]) for r in json.load(open(sys.argv[1]))["recalls"]]' "$out/$kind.recalls.json"); do
        "$bin" recall show "$id" --json --store "$store" > "$out/$kind.recall-$id.json"
    done
    "$bin" trace forward 'https://id.gs1.org/01/06901234100013/10/L0000001' --json --store "$store" > "$out/$kind.trace-forward.json"
    "$bin" trace back 'https://id.gs1.org/01/06901234100082/10/L0000019' --json --store "$store" > "$out/$kind.trace-back.json"
    python3 - "$out/$kind.events.json" > "$work/ids" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
for i in (0, len(events) // 2, len(events) - 1): print(events[i]["eventID"])
PY
    local n=0
    while read -r id; do n=$((n + 1)); "$bin" proof "$id" --store "$store" > "$out/$kind.proof-$n.json"; done < "$work/ids"
    "$bin" verify --store "$store" > "$out/$kind.verify.txt"
}

one_store sqlite "sqlite:$work/release.sqlite"
sqlite3 "$work/release.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
sqlite3 "$work/release.sqlite" .dump > "$out/sqlite.sql"
cp "$work/release.sqlite.ledger-key.pem" "$out/sqlite.ledger-key.pem"

one_store postgres "$pg?schema=release&ledgerKey=$work/postgres.ledger-key.pem"
pg_dump "$pg" -n release --no-owner --no-privileges | grep -v '^\\\(un\)\?restrict ' > "$out/postgres.sql"
cp "$work/postgres.ledger-key.pem" "$out/postgres.ledger-key.pem"
echo "wrote $out"
