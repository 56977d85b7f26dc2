#!/usr/bin/env bash
# Runs chat_through_atspi.py the way an automation suite sees the desktop: a virtual X display of its own, a
# private D-Bus session and the AT-SPI accessibility bus, with Qt's accessibility bridge switched on.
#   run.sh CONFAB CONFAB_SERVER CONFAB_CLI
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
chmod 0700 "$work"
xvfb_pid=""
cleanup() {
    status=$?
    if [ "$status" -ne 0 ] && [ -s "$work/xvfb.log" ]; then
        # A client that could not reach the display once left nothing to go on: show what the X server said.
        echo "--- Xvfb (display ${DISPLAY:-unset}, pid $xvfb_pid) said:" >&2
        cat "$work/xvfb.log" >&2
    fi
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Xvfb picks a free display itself and writes its number once it accepts connections: no guessing, no sleeping.
# -noreset: by default an X server resets when its last client disconnects, and the AT-SPI launcher is a client
# that comes and goes; confab connecting during that reset failed with "could not connect to display".
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset -auth /dev/null </dev/null >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 100); do
    [ -s "$work/display" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { echo "Xvfb did not start" >&2; exit 1; }
    sleep 0.1
done
export DISPLAY=":$(head -n 1 "$work/display")"
export XDG_RUNTIME_DIR=$work GSETTINGS_BACKEND=keyfile QT_QPA_PLATFORM=xcb

dbus-run-session -- bash -c '
    /usr/libexec/at-spi-bus-launcher --launch-immediately &
    launcher=$!
    for _ in $(seq 50); do
        dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null 2>&1 && break
        sleep 0.1
    done
    /usr/bin/python3 "$0" "$@"
    status=$?
    kill $launcher 2>/dev/null || true
    exit $status' "$here/chat_through_atspi.py" "$@" # not exec: the trap must stop Xvfb afterwards
