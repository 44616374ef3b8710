#!/usr/bin/env bash
# Sets up (packages + build), then runs the whole test suite. ctest's summary is the last thing printed.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CHEVET_BUILD_DIR:-$top/build}

bash "$top/scripts/setup.sh"

# No display is needed: QML and logic tests use the offscreen platform; screenshot tests start
# their own Xvfb.
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
cd "$build"
ctest --output-on-failure --timeout 600 -j"${CHEVET_TEST_JOBS:-2}"
