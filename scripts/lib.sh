# Shared helpers for scripts/*. Sourced, not run.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_swift() {
    command -v swift >/dev/null 2>&1 || die "swift is not on PATH; install the Swift 6.3 toolchain first"
}

# Debian packages, installed only when missing (the scripts run as root on CI and dev machines).
apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The official EPCIS conformance material lives beside the repository (../shared/conformance).
conformance_dir() {
    local d="$root"
    # ../shared/conformance beside the checkout (CI, the main checkout), or further up (git worktrees).
    while [ "$d" != "/" ]; do
        d="$(dirname "$d")"
        [ -d "$d/shared/conformance/epcis" ] && { (cd "$d/shared/conformance" && pwd); return 0; }
    done
    die "the EPCIS conformance set (../shared/conformance) was not found beside the repository"
}

# Independent implementations from PyPI that the tests compare against:
#   epcis-event-hash-generator (GS1's reference event hash), biip (GS1 element strings), epcpy (EPC / TDS),
#   segno (QR Code, ISO/IEC 18004), openpyxl (XLSX, both ways); and Debian's zbarimg, which decodes the QR Codes
#   we draw (and Ghostscript, which rasterises the PDF label sheets for it).
ensure_oracles() {
    local venv="$root/.build/oracle"
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import epcis_event_hash_generator, biip, epcpy, segno, PIL, openpyxl' 2>/dev/null; then
        log "installing the test oracles from PyPI into .build/oracle"
        command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
        mkdir -p "$root/.build"
        python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; }
        "$venv/bin/pip" install --quiet --disable-pip-version-check \
            "epcis-event-hash-generator==1.9.3" "biip==5.2.0" "epcpy==0.1.8" "segno==1.6.6" "pillow==11.3.0" \
            "openpyxl==3.1.5"
    fi
    command -v zbarimg >/dev/null 2>&1 || apt_install zbar-tools
    # Ghostscript draws the portal's PDF label sheets for zbarimg to read.
    command -v gs >/dev/null 2>&1 || apt_install ghostscript
}

# Schemathesis (PyPI) in its own venv under .build: it fuzzes the server against the official EPCIS 2.0 REST binding
# (scripts/api-fuzz.sh). Every package is pinned (scripts/schemathesis/requirements.txt, Hypothesis included: a seeded
# run is reproducible only with the same generator), and the venv is rebuilt when the pins change.
ensure_schemathesis() {
    local venv="$root/.build/schemathesis" pins="$root/scripts/schemathesis/requirements.txt"
    if [ ! -x "$venv/bin/st" ] || ! cmp -s "$pins" "$venv/suyuan-requirements.txt"; then
        log "installing Schemathesis from PyPI into .build/schemathesis"
        command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
        rm -rf "$venv"
        mkdir -p "$root/.build"
        python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; }
        "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$pins"
        cp "$pins" "$venv/suyuan-requirements.txt"
    fi
}

# A throwaway PostgreSQL 15 cluster for the StoragePostgres tests: Debian's postgresql (installed when missing),
# initdb in a temporary directory owned by the `postgres` user (initdb refuses to run as root), started on a free
# loopback port with trust authentication, one database. Exports POSTGRES_HOSTNAME/PORT/USER/DB and
# SUYUAN_TEST_POSTGRES_URL. The cluster is stopped and removed on exit (stop_test_postgres, from a trap).
# Tests run without fsync (a throwaway cluster needs no durability); `start_test_postgres durable` keeps the
# server defaults, for benchmarks.
start_test_postgres() {
    local settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${1:-}" = "durable" ] && settings=""
    apt_install postgresql-15
    local bin=/usr/lib/postgresql/15/bin
    [ -x "$bin/initdb" ] || die "PostgreSQL 15 binaries not found in $bin"
    local run_as=()
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
        run_as=(runuser -u postgres --)
    fi
    PG_TEST_DIR="$(mktemp -d /tmp/suyuan-pg.XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TEST_DIR"
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    log "starting a throwaway PostgreSQL 15 cluster on 127.0.0.1:$port ($PG_TEST_DIR)"
    "${run_as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U suyuan --auth=trust -E UTF8 --no-locale >/dev/null
    PG_TEST_RUN_AS=("${run_as[@]}")
    "${run_as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c max_connections=200 $settings" start >/dev/null
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U suyuan suyuan_test
    export POSTGRES_HOSTNAME=127.0.0.1 POSTGRES_PORT="$port" POSTGRES_USER=suyuan POSTGRES_DB=suyuan_test
    export SUYUAN_TEST_POSTGRES_URL="postgres://suyuan@127.0.0.1:$port/suyuan_test"
}

stop_test_postgres() {
    [ -n "${PG_TEST_DIR:-}" ] || return 0
    "${PG_TEST_RUN_AS[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_TEST_DIR/data" -m immediate stop \
        >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
    PG_TEST_DIR=""
}

# Runs a test command with a time limit (seconds). Past it, the run is stopped after printing what a hang needs to be
# found: the tests that started and did not end, the threads of the test process, and the sessions PostgreSQL has
# waiting. Its output goes to the terminal as it comes and to a file. Returns the command's status (124 past the limit).
run_watched() {
    local limit="$1"; shift
    local output; output="$(mktemp /tmp/suyuan-test-output.XXXXXX)"
    setsid "$@" > >(tee "$output") 2>&1 &
    local pid=$! started=$SECONDS
    while kill -0 "$pid" 2>/dev/null; do
        if [ $((SECONDS - started)) -ge "$limit" ]; then
            report_hang "$pid" "$output"
            kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
            sleep 2
            kill -9 -- "-$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            return 124
        fi
        sleep 5
    done
    local status=0
    wait "$pid" || status=$?
    return "$status"
}

# What a test run that did not end was doing (see run_watched).
report_hang() {
    local pid="$1" output="$2"
    log "the test run did not end within its time limit; what it was doing:"
    python3 - "$output" <<'PY' >&2
import re, sys
started, ended = {}, set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r'[◇✔✘] Test ("(?:[^"\\]|\\.)*"|\S+)(.*)', line)
    if not m: continue
    name, rest = m.group(1), m.group(2)
    if rest.strip().startswith("started"): started.setdefault(name, line.strip())
    elif " passed" in rest or " failed" in rest or " skipped" in rest: ended.add(name)
left = [line for name, line in started.items() if name not in ended]
print(f"tests started and not ended ({len(left)}):")
for line in left: print("  " + line)
PY
    ps -o pid,ppid,etime,time,stat,args --forest -s "$pid" >&2 || true
    if [ -n "${POSTGRES_PORT:-}" ]; then
        psql -X -At -h 127.0.0.1 -p "$POSTGRES_PORT" -U "${POSTGRES_USER:-suyuan}" -d "${POSTGRES_DB:-postgres}" -c \
            "SELECT pid, state, wait_event_type, wait_event, now() - query_start, left(query, 160)
             FROM pg_stat_activity WHERE datname IS NOT NULL AND pid <> pg_backend_pid()" >&2 || true
    fi
    local tests
    for tests in $(pgrep -s "$pid" -f 'PackageTests|xctest|swiftpm-testing-helper' || true); do
        log "threads of $tests (the frames of Suyuan's code)"
        timeout 120 lldb --batch -p "$tests" -o "thread backtrace all" 2>&1 \
            | grep -E '^\s*\* thread|^  thread|Suyuan|suyuan|Tests|Storage|Server|EPCIS|Federation' | head -400 >&2 || true
    done
}
