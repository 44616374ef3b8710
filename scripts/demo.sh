#!/usr/bin/env bash
# The demo ward in the tablet app: starts the stand-in DPI with its synthetic wards (cardiology,
# 24 beds; a 6-patient home-care round), then opens Chevet on the cardiology ward, connected to it.
# The app works offline first: stop the DPI (the command is printed) and it keeps working; start it
# again and what was recorded meanwhile arrives once. Without a display, it shows how to use Xvfb and
# checks the same thing headless.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CHEVET_BUILD_DIR:-$top/build}
app="$build/mobile/chevet"
dpi_bin="$build/tools/chevet-dpi/chevet-dpi"
demo=${CHEVET_DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/chevet-demo.XXXXXX")}
port=${CHEVET_DEMO_PORT:-8765}
for bin in "$app" "$dpi_bin"; do
    [ -x "$bin" ] || { echo "demo: $bin is missing: run scripts/setup.sh first" >&2; exit 1; }
done

# Demo only: the first nurse is enrolled with this PIN without typing; later launches unlock with it.
# A real tablet asks the nurse (enrolment screen, then the PIN keypad).
export CHEVET_DEMO_NURSE=${CHEVET_DEMO_NURSE:-ide.demo}
export CHEVET_DEMO_PIN=${CHEVET_DEMO_PIN:-246813}

dpi_pid=""
start_dpi() {
    "$dpi_bin" --listen "127.0.0.1:$port" --db "$demo/dpi.sqlite" --quiet "$@" >"$demo/dpi.out" 2>"$demo/dpi.log" &
    dpi_pid=$!
    for _ in $(seq 50); do grep -q listening "$demo/dpi.out" 2>/dev/null && break; sleep 0.1; done
    dpi_url=$(sed -n 's/.*listening on //p' "$demo/dpi.out" | head -n 1)
    [ -n "$dpi_url" ] || { echo "demo: the stand-in DPI did not start (see $demo/dpi.log)" >&2; exit 1; }
}
stop_dpi() {
    [ -n "$dpi_pid" ] && { kill "$dpi_pid" 2>/dev/null || true; wait "$dpi_pid" 2>/dev/null || true; }
    dpi_pid=""
}
trap stop_dpi EXIT

app_args=(--data-dir "$demo/tablet" --unit unit-cardio,had-nord --establishment urn:oid:2.999.250.1)

start_dpi --seed demo
echo "demo: stand-in DPI at $dpi_url (data in $demo)"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "demo: opening Chevet on the cardiology ward as $CHEVET_DEMO_NURSE (PIN $CHEVET_DEMO_PIN)."
    echo "demo: to see it work offline, stop the DPI from another terminal: kill $dpi_pid"
    echo "demo: and to bring it back: $dpi_bin --listen 127.0.0.1:$port --db $demo/dpi.sqlite"
    "$app" "${app_args[@]}" --dpi "$dpi_url"
    exit 0
fi

cat <<HELP
demo: no display here. To open the app in a virtual screen:
    xvfb-run -a -s "-screen 0 1280x800x24" bash scripts/demo.sh
  and look at it with screenshots (chevet --screenshot DIR renders each page to PNG) or a VNC server
  on that screen (x11vnc -display :99). Meanwhile, the same job headless under Xvfb:
HELP
run_headless() {
    xvfb-run -a -s "-screen 0 1280x800x24" "$app" "${app_args[@]}" "$@" --exit-when-ready | tail -n 1
}
echo "demo: 1. first start, connected: the tablet enrols $CHEVET_DEMO_NURSE, syncs the ward, shows the worklist"
run_headless --dpi "$dpi_url"
stop_dpi
echo "demo: 2. DPI stopped: the app opens offline, same worklist from the sealed store"
run_headless --dpi "$dpi_url"
echo "demo: tablet data kept in $demo/tablet (PIN $CHEVET_DEMO_PIN)"
