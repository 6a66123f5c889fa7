#!/bin/bash
# Times trace forward of transformation outputs (pork cuts, milk powder, cans, packs) and trace back of retail and
# dispensed items in a demo store, as the engine reports them (elapsedMs), and prints p50/p99/max.
# Usage: scripts/trace-bench.sh SUYUAN_BINARY SQLITE_FILE [N]
set -euo pipefail
suyuan=$1; db=$2; n=${3:-50}
ids=$(mktemp); times=$(mktemp)
trap 'rm -f "$ids" "$times"' EXIT
python3 - "$db" "$n" > "$ids" <<'PY'
import random, sqlite3, sys
c = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2]); random.seed(1)
lots = [r[0] for r in c.execute(
    "SELECT DISTINCT k.text FROM event_identifier i JOIN term k ON k.id = i.term "
    "JOIN event e ON e.id = i.event_row JOIN term t ON t.id = e.event_type "
    "WHERE i.role = 9 AND t.text = 'TransformationEvent'")]  # 9: output_quantity (SQLiteEventCodes)
items = [r[0] for r in c.execute(
    "SELECT DISTINCT k.text FROM event_identifier i JOIN term k ON k.id = i.term "
    "JOIN event e ON e.id = i.event_row JOIN term s ON s.id = e.biz_step "
    "WHERE s.text LIKE '%retail_selling' OR s.text LIKE '%dispensing'")]
for key in random.sample(lots, min(n, len(lots))): print("forward", key)
for key in random.sample(items, min(n, len(items))): print("back", key)
PY
while read -r direction id; do
    "$suyuan" trace "$direction" "$id" --json --store "sqlite:$db" \
        | python3 -c "import json, sys; print('$direction', json.load(sys.stdin)['elapsedMs'])"
done < "$ids" > "$times"
python3 - "$times" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
for direction in ("forward", "back"):
    t = sorted(float(r[1]) for r in rows if r[0] == direction)
    if t:
        pick = lambda q: t[min(len(t) - 1, int(q * len(t)))]
        print(f"{direction}: n={len(t)} p50={pick(0.5):.1f} ms p99={pick(0.99):.1f} ms max={t[-1]:.1f} ms")
PY
