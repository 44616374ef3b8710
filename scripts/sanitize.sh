#!/usr/bin/env bash
# The engine under AddressSanitizer and UndefinedBehaviorSanitizer, built with clang beside the main build
# (build-sanitize/): every unit test and the in-process sync suites, then each libFuzzer target for a
# bounded time from its seed corpus (tests/fuzz). Any sanitizer report or fuzz finding fails the run.
# Packages come from scripts/setup.sh (clang, libclang-rt-14-dev).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CHEVET_SANITIZE_BUILD_DIR:-$top/build-sanitize}

echo "sanitize: configuring and building in $build (clang, ASan + UBSan, libFuzzer)"
CC=clang CXX=clang++ cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHEVET_BUILD_APP=OFF \
    -DCHEVET_SANITIZE=ON -DCHEVET_FUZZ=ON -DCHEVET_WERROR=ON \
    -DCHEVET_FUZZ_SECONDS="${CHEVET_FUZZ_SECONDS:-30}" >/dev/null
cmake --build "$build" -j"${CHEVET_JOBS:-2}" --target chevet_sanitized

export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build"
ctest --output-on-failure --timeout 900 -j"${CHEVET_TEST_JOBS:-2}" -L 'sanitize|fuzz'
