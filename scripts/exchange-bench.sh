#!/usr/bin/env bash
# Benchmarks of issue 19: import of a 100,000-row CSV (rows/s) and an FSMA 204 export of a lot with 10,000 events,
# both through `suyuan` on a fresh SQLite store. Usage: scripts/exchange-bench.sh [path/to/suyuan]
# (default: .build/release/suyuan, built with `swift build -c release --product suyuan`). Beside them, in the same
# sitting, a reference: the same CSV parsed (and nothing else) by Python's csv module.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$root/.build/release/suyuan}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys, datetime
work = sys.argv[1]
start = datetime.datetime(2026, 1, 1, 6, 0)
header = "日期时间 / date time,时区 / time zone,地点GLN / location GLN,商品GTIN / GTIN,批号 / lot,数量 / quantity,单位 / unit\n"
with open(f"{work}/harvest-100k.csv", "w") as f:
    f.write(header)
    for i in range(100_000):
        t = start + datetime.timedelta(minutes=i)
        f.write(f"{t:%Y-%m-%d %H:%M},+08:00,6901234000016,06901234100013,H{i:06d},{100 + i % 900},KGM\n")
ship = "date time,time zone,location GLN,GTIN,lot,quantity,unit,ship to GLN,document type,document number\n"
with open(f"{work}/lot-10k.csv", "w") as f:
    f.write(ship)
    for i in range(10_000):
        t = start + datetime.timedelta(minutes=i)
        f.write(f"{t:%Y-%m-%d %H:%M},+08:00,6901234000016,06901234100013,BIGLOT,1,KGM,6901234000023,desadv,D{i}\n")
PY

store="sqlite:$work/bench.sqlite"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -srm), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $bin"
t0=$(date +%s.%N)
"$bin" import "$work/harvest-100k.csv" --as harvest --store "$store"
t1=$(date +%s.%N)
python3 -c "print(f'import 100,000 rows: {($t1-$t0):.1f} s, {100000/($t1-$t0):,.0f} rows/s')"
python3 - "$work/harvest-100k.csv" <<'PY'
import csv, sys, time
start = time.perf_counter()
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = sum(1 for _ in csv.reader(f)) - 1
took = time.perf_counter() - start
print(f"reference, Python {sys.version.split()[0]} csv.reader over the same file (parse only): {rows:,} rows in "
      f"{took:.2f} s, {rows / took:,.0f} rows/s")
PY
"$bin" import "$work/lot-10k.csv" --as shipping --store "$store" >/dev/null
t2=$(date +%s.%N)
"$bin" export fsma204 --lot https://id.gs1.org/01/06901234100013/10/BIGLOT --format csv --out "$work/fsma.csv" --store "$store"
t3=$(date +%s.%N)
"$bin" export fsma204 --lot https://id.gs1.org/01/06901234100013/10/BIGLOT --format xlsx --out "$work/fsma.xlsx" --store "$store"
t4=$(date +%s.%N)
python3 -c "print(f'FSMA 204 export of a lot with 10,000 events: CSV {($t3-$t2):.2f} s, XLSX {($t4-$t3):.2f} s')"
