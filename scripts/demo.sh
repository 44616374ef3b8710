#!/usr/bin/env bash
# The offline demo: a sealed store on this machine, a synthetic patient, two bedside rounds of vitals,
# a nursing note, then the chart with NEWS2 and the queue waiting for the DPI. No network is used.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CHEVET_BUILD_DIR:-$top/build}
ctl="$build/tools/chevetctl/chevetctl"
[ -x "$ctl" ] || { echo "demo: $ctl is missing; run scripts/setup.sh first" >&2; exit 1; }

demo=${CHEVET_DEMO_DIR:-$(mktemp -d)}
mkdir -p "$demo"
export CHEVET_STORE="$demo/ward.chevet"
export CHEVET_DEVICE_KEY="$demo/device.key"
export CHEVET_PIN=${CHEVET_PIN:-2468}
export CHEVET_NURSE=${CHEVET_NURSE:-ide.demo}
rm -f "$CHEVET_STORE" "$CHEVET_STORE-wal" "$CHEVET_STORE-shm"

step() { printf '\n== %s\n' "$*"; }

step "Create a sealed store (AES-256-GCM, key wrapped by PIN + device key)"
"$ctl" init

step "Add a synthetic patient (INS from the test system)"
"$ctl" patient add --ipp 800123 --family Lefebvre --given Odile --birth 1938-06-02 --sex female \
    --ins 238067512345614

step "Morning round, 08:00: every NEWS2 parameter"
"$ctl" record vitals --patient 800123 --at "$(date -u -d '-3 hours' +%Y-%m-%dT%H:%M:00Z)" \
    --rr 18 --spo2 96 --sbp 128 --dbp 74 --pulse 78 --temp 37.1 --acvpu A >/dev/null
echo "recorded"

step "Late morning: she is febrile and breathless, on oxygen"
"$ctl" record vitals --patient 800123 --rr 24 --spo2 93 --oxygen --sbp 102 --dbp 60 --pulse 118 \
    --temp 38.9 --acvpu A | grep -E '"(score|risk|response)"'

step "An impossible value is refused, nothing is stored"
"$ctl" record vitals --patient 800123 --pulse 900 || true

step "A transmission ciblée"
"$ctl" record note --patient 800123 --target "Hyperthermie" --data "T 38.9, frissons" \
    --actions "Hémocultures, paracétamol 1 g PO, médecin prévenu" --results "À réévaluer à 14 h" >/dev/null
echo "recorded"

step "The chart: vitals with NEWS2 per round, and notes"
"$ctl" list --patient 800123 --text

step "Status: what waits for the DPI, and the audit chain"
"$ctl" status

echo
echo "demo: store kept in $demo (PIN $CHEVET_PIN). Try: CHEVET_STORE=$CHEVET_STORE CHEVET_DEVICE_KEY=$CHEVET_DEVICE_KEY $ctl list --patient 800123"
