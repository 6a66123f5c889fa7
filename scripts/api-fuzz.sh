#!/usr/bin/env bash
# Fuzzes the EPCIS 2.0 REST binding of a live `suyuan serve` with Schemathesis, against GS1's own openapi.json.
# The server runs on a SQLite store in a temporary folder with an admin key from `suyuan key create`, seeded with
# two official example documents and a named query. The run is seeded and bounded in time; it fails on any 5xx,
# dropped connection, response that breaks the binding (status code, content type, headers, body schema) or error in
# the server's log, except for the binding's own inconsistencies: scripts/schemathesis/known-inconsistencies.md says
# what they are and why, and scripts/schemathesis/patch-spec.py corrects exactly those in a copy of the spec.
# Usage: scripts/api-fuzz.sh [SUYUAN_BINARY]   (default .build/debug/suyuan; env FUZZ_SECONDS, FUZZ_SEED)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
suyuan="${1:-$root/.build/debug/suyuan}"
seconds="${FUZZ_SECONDS:-150}"
seed="${FUZZ_SEED:-14}"
[ -x "$suyuan" ] || die "no suyuan binary at $suyuan (swift build first)"
ensure_schemathesis
conformance="${SUYUAN_CONFORMANCE_DIR:-}"
[ -n "$conformance" ] || conformance="$(conformance_dir)"
spec="$conformance/epcis/gs1-EPCIS/REST Bindings/openapi.json"
[ -f "$spec" ] || die "the EPCIS 2.0 REST binding is not at $spec"

work="$(mktemp -d /tmp/suyuan-fuzz.XXXXXX)"
store="sqlite:$work/store.sqlite"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
key="$("$suyuan" key create --role admin --label fuzz --store "$store" 2>/dev/null)"
"$suyuan" serve --store "$store" --port "$port" --log-level warning > "$work/server.log" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$base/health" >/dev/null || { cat "$work/server.log"; die "the server did not start"; }

log "seeding the store: two official examples and the named query myQuery"
for example in Example_9.6.1-ObjectEvent.jsonld Example_9.6.3-AggregationEvent.jsonld; do
    curl -fs -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/ld+json' \
        --data-binary "@$conformance/epcis/gs1-EPCIS/JSON/$example" "$base/capture" \
        || die "capturing $example failed"
done
curl -fs -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    --data '{"name":"myQuery","query":{"EQ_bizStep":["shipping","receiving"],"eventType":["ObjectEvent"]}}' \
    "$base/queries" || die "creating myQuery failed"

python3 "$root/scripts/schemathesis/patch-spec.py" "$spec" "$work/openapi.json"
log "Schemathesis $("$root/.build/schemathesis/bin/st" --version | awk '{print $3}'): seed $seed, at most ${seconds}s"
started=$(date +%s)
status=0
(cd "$work" && "$root/.build/schemathesis/bin/st" --config-file "$root/scripts/schemathesis/schemathesis.toml" \
    run "$work/openapi.json" --url "$base" --header "Authorization: Bearer $key" \
    --seed "$seed" --max-time "$seconds" --generation-database none) || status=$?
log "Schemathesis finished in $(( $(date +%s) - started ))s with exit code $status"
if ! kill -0 "$server" 2>/dev/null; then
    cat "$work/server.log"
    die "the server died during the run"
fi
if [ "$status" -ne 0 ]; then
    echo "--- server log (last 40 lines) ---"
    tail -40 "$work/server.log"
fi
# Whatever a client sends, the server answers it: an error in its log (a failed upgrade negotiation, a request that
# failed inside) fails the run even when every answer was right.
errors="$(grep -E '^[^ ]+ (error|critical) ' "$work/server.log" || true)"
if [ -n "$errors" ]; then
    echo "--- errors in the server log ($(printf '%s\n' "$errors" | wc -l)) ---"
    printf '%s\n' "$errors" | sort | uniq -c | sort -rn | head -20
    [ "$status" -ne 0 ] || status=1
fi
warnings="$(grep -cE '^[^ ]+ warning ' "$work/server.log" || true)"
log "server log: $warnings warning(s), $(printf '%s' "$errors" | grep -c . || true) error(s)"
exit "$status"
