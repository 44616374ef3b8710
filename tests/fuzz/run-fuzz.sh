#!/usr/bin/env sh
# One bounded fuzz run: <fuzzer> <work corpus> <seconds> <seed corpus>... New inputs go to the work
# corpus (under the build folder, never the source tree); a crash leaves its input there and fails.
set -eu
fuzzer=$1 work=$2 seconds=$3
shift 3
mkdir -p "$work"
exec "$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work" "$@"
