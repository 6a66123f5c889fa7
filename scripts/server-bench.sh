#!/bin/bash
# Measures the web server on a demo store: consumer scan pages per second and their latency under 64 concurrent
# connections (wrk, rotating over many item codes), the server's memory (VmRSS/VmHWM), and capture throughput over
# HTTP (one generated document POSTed to /capture, timed until its job finishes).
# Usage: scripts/server-bench.sh SUYUAN_BINARY SQLITE_FILE [SECONDS] [CAPTURE_EVENTS]
# The store must hold a demo chain (suyuan demo load); the server runs on a free loopback port and is stopped after.
set -euo pipefail
suyuan=$1; db=$2; seconds=${3:-20}; capture_events=${4:-20000}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
command -v wrk >/dev/null 2>&1 || apt_install wrk
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key=$("$suyuan" key create --role admin --label bench --store "sqlite:$db" 2>/dev/null)
"$suyuan" serve --store "sqlite:$db" --port "$port" --log-level warning > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done

# Item codes sold or dispensed in the store, as resolver paths.
python3 - "$db" > "$work/paths.txt" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute(
    "SELECT DISTINCT k.text FROM event_identifier i JOIN term k ON k.id = i.term "
    "JOIN event e ON e.id = i.event_row JOIN term s ON s.id = e.biz_step "
    "WHERE (s.text LIKE '%retail_selling' OR s.text LIKE '%dispensing') AND k.text LIKE 'https://id.gs1.org/01/%' "
    "LIMIT 2000")
for (key,) in rows: print(key[len("https://id.gs1.org"):])
PY
echo "codes: $(wc -l < "$work/paths.txt") distinct item pages"
cat > "$work/rotate.lua" <<EOF2
local paths = {}
for line in io.lines("$work/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Accept"] = "text/html"})
end
EOF2
echo "cold: the first scan of every code, one at a time (nothing cached)"
while read -r path; do curl -fs -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$path"; done < "$work/paths.txt" \
    | python3 -c "import sys; t=sorted(float(x)*1000 for x in sys.stdin); p=lambda q: t[min(len(t)-1,int(q*len(t)))]; print(f'cold pages: n={len(t)} p50={p(.5):.1f} ms p99={p(.99):.1f} ms max={t[-1]:.1f} ms')"
echo "consumer pages (each code scanned again; stories cached): wrk -t2 -c64 -d${seconds}s --latency"
wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/rotate.lua" "http://127.0.0.1:$port" | sed -n '1,20p'
grep -E 'VmRSS|VmHWM' "/proc/$server/status"

echo "capture over HTTP: a demo document of about $capture_events events (another seed than the store's)"
"$suyuan" demo generate --events "$capture_events" --events-per-document "$capture_events" --seed 4242 \
    --out "$work/doc" > /dev/null
doc=$(ls "$work"/doc/events-*.jsonld | head -1)
echo "document: $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['epcisBody']['eventList']))" "$doc") events, $(du -h "$doc" | cut -f1)"
capture_events=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['epcisBody']['eventList']))" "$doc")
start=$(date +%s.%N)
location=$(curl -fs -D - -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/ld+json' \
    --data-binary "@$doc" "http://127.0.0.1:$port/capture" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
while curl -fs -H "Authorization: Bearer $key" "http://127.0.0.1:$port$location" | grep -q '"running":true'; do
    sleep 0.1
done
end=$(date +%s.%N)
curl -fs -H "Authorization: Bearer $key" "http://127.0.0.1:$port$location"; echo
python3 -c "import sys; n=int(sys.argv[1]); t=float(sys.argv[3])-float(sys.argv[2]); print(f'{n} events in {t:.2f} s: {n/t:,.0f} events/s over HTTP')" \
    "$capture_events" "$start" "$end"
grep -E 'VmRSS|VmHWM' "/proc/$server/status"
