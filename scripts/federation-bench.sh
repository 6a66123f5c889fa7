#!/usr/bin/env bash
# Times a forward and a backward trace and a recall across three federated platforms on loopback (suyuan demo
# federated: a hub and two provincial platforms), p50/p99, against the same on one platform with every event, and
# the throughput of pushing crossing events to a peer. Release build. Prints a Markdown report for BENCHMARKS.md.
# Usage: scripts/federation-bench.sh [EVENTS] [BASE_PORT]   (default 20000 events, ports 38080–38083)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
require_swift
log "building the release binary"
swift build -c release --product suyuan >/dev/null
work="$(mktemp -d /tmp/suyuan-federation-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 "$root/scripts/federation-bench.py" "$root/.build/release/suyuan" "$work" "${1:-20000}" "${2:-38080}"
