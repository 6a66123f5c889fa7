#!/bin/bash
# Times EPCIS queries by identifier on a store through the server (GET /events?MATCH_anyEPC=… for items and
# MATCH_anyEPCClass=… for lots, as the REST binding has them), one at a time, and prints p50/p99/max of the time
# curl measures (request to last byte, loopback) and the number of events answered.
# Usage: scripts/query-bench.sh SUYUAN_BINARY SQLITE_FILE [N]
set -euo pipefail
suyuan=$1; db=$2; n=${3:-100}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key=$("$suyuan" key create --role admin --label query-bench --store "sqlite:$db" 2>/dev/null)
"$suyuan" serve --store "sqlite:$db" --port "$port" --log-level warning > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
# Identifiers picked from random events (a primary-key probe of event_identifier each, not a scan of the table).
python3 - "$db" "$n" > "$work/ids.txt" <<'PY'
import random, sqlite3, sys
c = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2]); random.seed(7)
top = c.execute("SELECT max(id) FROM event").fetchone()[0]
seen = set()
while len(seen) < n:
    row = c.execute(
        "SELECT k.text, i.role FROM event_identifier i JOIN term k ON k.id = i.term WHERE i.event_row = ? LIMIT 1",
        (random.randint(1, top),)).fetchone()
    if row and row[0] not in seen:
        seen.add(row[0])
        # roles 6-9 are the quantity roles (SQLiteEventCodes)
        parameter = "MATCH_anyEPCClass" if row[1] >= 6 else "MATCH_anyEPC"
        print(parameter, row[0])
PY
while read -r parameter id; do
    curl -fs -o "$work/answer.json" -w '%{time_total}\n' -G -H "Authorization: Bearer $key" \
        --data-urlencode "$parameter=$id" "http://127.0.0.1:$port/events" | tr '\n' ' '
    python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['epcisBody']['queryResults']['resultsBody']['eventList']))" "$work/answer.json"
done < "$work/ids.txt" > "$work/times.txt"
python3 - "$work/times.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
t = sorted(float(r[0]) * 1000 for r in rows)
events = sorted(int(r[1]) for r in rows)
pick = lambda v, q: v[min(len(v) - 1, int(q * len(v)))]
print(f"queries by identifier: n={len(t)} p50={pick(t, .5):.1f} ms p99={pick(t, .99):.1f} ms max={t[-1]:.1f} ms; "
      f"events per answer: median {pick(events, .5)}, max {events[-1]}")
PY
grep -E 'VmRSS|VmHWM' "/proc/$server/status"
