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
#   epcis-event-hash-generator (GS1's reference event hash), biip (GS1 element strings), epcpy (EPC / TDS).
ensure_oracles() {
    local venv="$root/.build/oracle"
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import epcis_event_hash_generator, biip, epcpy' 2>/dev/null; then
        log "installing the test oracles from PyPI into .build/oracle"
        command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
        mkdir -p "$root/.build"
        python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; }
        "$venv/bin/pip" install --quiet --disable-pip-version-check \
            "epcis-event-hash-generator==1.9.3" "biip==5.2.0" "epcpy==0.1.8"
    fi
}
