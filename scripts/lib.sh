# Shared by the scripts: paths, logging and the package installer. Sourced, not run.
CONFAB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Cache hits must not depend on where the checkout lives (CI clones afresh): paths relative to the checkout, and
# the build dir left out of the hash that -g would otherwise add.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$CONFAB_ROOT}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the packages of scripts/packages.txt that are missing; silent when none are.
install_deps() {
    local wanted missing=()
    mapfile -t wanted < <(grep -Ev '^\s*(#|$)' "$CONFAB_ROOT/scripts/packages.txt")
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "installing ${missing[*]} needs root or sudo"
        sudo="sudo"
    fi
    say "Installing ${#missing[@]} Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# configure_build DIR [cmake args...]: configures once, then builds with both cores.
configure_build() {
    local dir=$1; shift
    if [ ! -f "$dir/build.ninja" ]; then
        mkdir -p "$dir"
        cmake -S "$CONFAB_ROOT" -B "$dir" -G Ninja "$@" >"$dir/configure.log" 2>&1 \
            || { cat "$dir/configure.log"; die "configuring $dir failed"; }
    fi
    cmake --build "$dir" -j "$(nproc)"
}

# configure_targets DIR "TARGET..." CMAKE_ARGS...: as configure_build, but builds only the targets named.
configure_targets() {
    local dir=$1 targets=$2; shift 2
    if [ ! -f "$dir/build.ninja" ]; then
        mkdir -p "$dir"
        cmake -S "$CONFAB_ROOT" -B "$dir" -G Ninja "$@" >"$dir/configure.log" 2>&1 \
            || { cat "$dir/configure.log"; die "configuring $dir failed"; }
    fi
    # shellcheck disable=SC2086 # the targets are words
    cmake --build "$dir" -j "$(nproc)" --target $targets
}

# seed_demo_conversations ADDRESS: a few one-to-one and group messages between alice, bob and carol, written with
# confab-cli as people would, so that the demo and the screenshots have something to show.
seed_demo_conversations() {
    local address=$1 group
    as_user() {
        local user=$1
        shift
        echo demo | "$CONFAB_ROOT/build/bin/confab-cli" --server "$address" --user "$user" --password-stdin "$@" >/dev/null
    }
    as_user bob send --to alice "Morning! Are we still on for the release review at ten?"
    as_user alice send --to bob "Yes, I'll bring the test report."
    as_user bob send --to alice "Great. Carol has the new build numbers."
    as_user carol send --to alice "Can you look at my slides before lunch?"
    group=$(echo demo | "$CONFAB_ROOT/build/bin/confab-cli" --server "$address" --user alice --password-stdin --json \
        group create "Release crew" bob carol | grep -o '"id":"[0-9]*"' | head -n 1 | grep -o '[0-9]\+')
    as_user carol send --group "$group" "Build 4.2.1 is green on all three platforms."
    as_user alice send --group "$group" "Thanks! Let's cut the release after lunch."
    as_user bob send --group "$group" "Ship it"
}
