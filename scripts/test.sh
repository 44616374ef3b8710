#!/usr/bin/env bash
# Sets up (packages + build), runs the sanitizer build's tests and the fuzz smoke (scripts/sanitize.sh;
# CHEVET_SANITIZE=0 leaves them out), then the whole test suite. ctest's summary is the last thing printed.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CHEVET_BUILD_DIR:-$top/build}

bash "$top/scripts/setup.sh"
if [ "${CHEVET_SANITIZE:-1}" != 0 ]; then
    bash "$top/scripts/sanitize.sh"
fi

# No display is needed: QML and logic tests use the offscreen platform; screenshot tests start
# their own Xvfb.
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
cd "$build"
ctest --output-on-failure --timeout 600 -j"${CHEVET_TEST_JOBS:-2}"
