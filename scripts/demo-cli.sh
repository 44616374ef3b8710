#!/usr/bin/env bash
# The engine without a screen (chevetctl), offline first. Part 1 uses no network: a sealed store, a synthetic patient, two bedside
# rounds of vitals, a nursing note, the chart with NEWS2 and the queue waiting for the DPI. Part 2 starts
# the stand-in DPI on this machine (a synthetic cardiology ward), syncs, stops it, records offline, and
# syncs again when it is back: everything arrives once.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CHEVET_BUILD_DIR:-$top/build}
ctl="$build/tools/chevetctl/chevetctl"
dpi_bin="$build/tools/chevet-dpi/chevet-dpi"
[ -x "$ctl" ] || { echo "demo: $ctl is missing; run scripts/setup.sh first" >&2; exit 1; }

demo=${CHEVET_DEMO_DIR:-$(mktemp -d)}
mkdir -p "$demo"
export CHEVET_STORE="$demo/ward.chevet"
export CHEVET_DEVICE_KEY="$demo/device.key"
export CHEVET_PIN=${CHEVET_PIN:-246813}
export CHEVET_NURSE=${CHEVET_NURSE:-ide.demo}
rm -f "$CHEVET_STORE" "$CHEVET_STORE-wal" "$CHEVET_STORE-shm"

step() { printf '\n== %s\n' "$*"; }

step "Create a sealed store (AES-256-GCM, key wrapped by PIN + device key)"
"$ctl" init

step "Add a synthetic patient (INS from the test system)"
"$ctl" patient add --ipp 500123 --family Rousseau --given Madeleine --birth 1938-06-02 --sex female \
    --ins 238067512345614

step "Morning round, 08:00: every NEWS2 parameter"
"$ctl" record vitals --patient 500123 --at "$(date -u -d '-3 hours' +%Y-%m-%dT%H:%M:00Z)" \
    --rr 18 --spo2 96 --sbp 128 --dbp 74 --pulse 78 --temp 37.1 --acvpu A >/dev/null
echo "recorded"

step "Late morning: she is febrile and breathless, on oxygen"
"$ctl" record vitals --patient 500123 --rr 24 --spo2 93 --oxygen --sbp 102 --dbp 60 --pulse 118 \
    --temp 38.9 --acvpu A | grep -E '"(score|risk|response)"'

step "An impossible value is refused, nothing is stored"
"$ctl" record vitals --patient 500123 --pulse 900 || true

step "A transmission ciblée"
"$ctl" record note --patient 500123 --target "Hyperthermie" --data "T 38.9, frissons" \
    --actions "Hémocultures, paracétamol 1 g PO, médecin prévenu" --results "À réévaluer à 14 h" >/dev/null
echo "recorded"

step "The chart: vitals with NEWS2 per round, and notes"
"$ctl" list --patient 500123 --text

step "Status: what waits for the DPI, and the audit chain"
"$ctl" status

if [ ! -x "$dpi_bin" ]; then
    echo "demo: $dpi_bin is missing (Qt HttpServer not installed?); part 2 skipped"
    exit 0
fi

dpi_pid=""
start_dpi() {
    "$dpi_bin" --listen 127.0.0.1:0 --db "$demo/dpi.sqlite" --quiet $1 >"$demo/dpi.out" 2>"$demo/dpi.log" &
    dpi_pid=$!
    for _ in $(seq 50); do grep -q listening "$demo/dpi.out" 2>/dev/null && break; sleep 0.1; done
    dpi_url=$(sed -n 's/.*listening on //p' "$demo/dpi.out" | head -n 1)
    [ -n "$dpi_url" ] || { echo "demo: the stand-in DPI did not start (see $demo/dpi.log)" >&2; exit 1; }
}
stop_dpi() {
    if [ -n "$dpi_pid" ]; then
        kill "$dpi_pid" 2>/dev/null || true
        wait "$dpi_pid" 2>/dev/null || true
    fi
    dpi_pid=""
}
trap stop_dpi EXIT

step "Start the stand-in DPI with a synthetic cardiology ward (24 patients) and sync the ward"
start_dpi "--seed demo"
echo "DPI at $dpi_url"
"$ctl" sync --dpi "$dpi_url" --unit unit-cardio

step "The ward on the tablet (first three patients)"
"$ctl" patients | grep -E '"(family|given|ipp|room|bed)"' | head -n 15 | sed 's/^ */  /'

step "The network goes down (DPI stopped); the nurse keeps working"
stop_dpi
ipp=$("$ctl" patients | sed -n 's/.*"ipp": "\(.*\)".*/\1/p' | grep -v 500123 | head -n 1)
"$ctl" record vitals --patient "$ipp" --rr 20 --spo2 95 --sbp 118 --dbp 70 --pulse 96 --temp 37.9 --acvpu A \
    | grep -E '"(score|risk)"'
"$ctl" sync --dpi "$dpi_url" --unit unit-cardio 2>&1 | tail -n 1 || true
"$ctl" status | grep -E '"(pending|delivered)"'

step "Back in coverage: the queue reaches the DPI once"
start_dpi ""
"$ctl" sync --dpi "$dpi_url" --unit unit-cardio
"$ctl" status | grep -E '"(pending|delivered|quarantined|intact)"'
stop_dpi

echo
echo "demo: store kept in $demo (PIN $CHEVET_PIN). Try: CHEVET_STORE=$CHEVET_STORE CHEVET_DEVICE_KEY=$CHEVET_DEVICE_KEY $ctl list --patient 500123"
