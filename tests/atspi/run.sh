#!/usr/bin/env bash
# Runs chat_through_atspi.py the way an automation suite sees the desktop: a virtual X display, a private D-Bus
# session and the AT-SPI accessibility bus, with Qt's accessibility bridge switched on.
#   run.sh CONFAB CONFAB_SERVER CONFAB_CLI
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runtime=$(mktemp -d)
chmod 0700 "$runtime"
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR=$runtime GSETTINGS_BACKEND=keyfile NO_AT_BRIDGE=0
unset QT_QPA_PLATFORM # a real X display (Xvfb), not offscreen: AT-SPI needs real windows
exec xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- bash -c '
    /usr/libexec/at-spi-bus-launcher --launch-immediately &
    launcher=$!
    for _ in $(seq 50); do
        dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null 2>&1 && break
        sleep 0.1
    done
    /usr/bin/python3 "$0" "$@"
    status=$?
    kill $launcher 2>/dev/null || true
    exit $status' "$here/chat_through_atspi.py" "$@"
