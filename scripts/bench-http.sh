#!/usr/bin/env bash
# HTTP load benchmark of the packaged service, on loopback only. See BENCHMARKS.md.
#
#   scripts/bench-http.sh            # build, then every run below (about 6 minutes)
#   SKIP_BUILD=1 DURATION=5s scripts/bench-http.sh
#
# For each mode (concurrent, sequential) it starts `java -jar target/framepipe-*.jar` on a free
# 127.0.0.1 port, waits for readiness, warms up, and runs `hey` for DURATION at concurrency 1, 4, 16
# and 64 with a 640x480 frame (~30 objects) as raw gray8 and as PNG; then the `baseline` profile
# (the Python controller's synthetic stages) at concurrency 1 in both modes. Every run stops by itself.
# Prints one Markdown table row per run; the table is also written to target/bench/http-results.md.
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONCURRENCY=${CONCURRENCY:-"1 4 16 64"}
JAVA_OPTS=${JAVA_OPTS:-}

cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
bench_http_prepare
out=$BENCH_OUT

port=$(bench_free_port)
base="http://127.0.0.1:$port"

start() { # the JVM options are JAVA_OPTS
    bench_start "$port" "$out/server.log" "$@"
}
stop() {
    bench_stop_all
}

# load LABEL MODE FORMAT CONCURRENCY DURATION CONTENT_TYPE FILE QUERY
load() {
    local result="$out/hey.txt"
    hey -z "$5" -c "$4" -m POST -T "$6" -D "$7" "$base/api/v1/frames?stream=bench&$8" >"$result"
    awk -v label="$1" -v mode="$2" -v format="$3" -v c="$4" '
        /Requests\/sec:/ { rps = $2 }
        / 50% in / { p50 = $3 * 1000 }
        / 90% in / { p90 = $3 * 1000 }
        / 99% in / { p99 = $3 * 1000 }
        /^Status code distribution:/ { section = "status" }
        /^Error distribution:/ { section = "errors" }
        /^  \[[0-9]+\]/ {
            n = substr($1, 2, length($1) - 2)
            if (section == "status" && n != "200") bad += $2
            if (section == "errors") bad += n
        }
        END { printf "| %s | %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %d |\n",
                     label, mode, format, c, rps, p50, p90, p99, bad }' "$result"
}

header="| workload | mode | body | concurrency | frames/s | p50 ms | p90 ms | p99 ms | non-200 |
|---|---|---|---:|---:|---:|---:|---:|---:|"
echo "$header" | tee "$out/http-results.md"
raw="width=640&height=480"
for mode in concurrent sequential; do
    start --framepipe.pipeline.mode="$mode"
    hey -z "$WARMUP" -c 4 -m POST -T application/octet-stream -D "$out/frame-640x480.gray" \
        "$base/api/v1/frames?stream=bench&$raw" >/dev/null
    hey -z "$WARMUP" -c 4 -m POST -T image/png -D "$out/frame-640x480.png" \
        "$base/api/v1/frames?stream=bench" >/dev/null
    for c in $CONCURRENCY; do
        load default "$mode" raw-640x480 "$c" "$DURATION" application/octet-stream "$out/frame-640x480.gray" "$raw" \
            | tee -a "$out/http-results.md"
    done
    for c in $CONCURRENCY; do
        load default "$mode" png-640x480 "$c" "$DURATION" image/png "$out/frame-640x480.png" "" \
            | tee -a "$out/http-results.md"
    done
    stop
done
for mode in concurrent sequential; do
    start --spring.profiles.active=baseline --framepipe.pipeline.mode="$mode"
    hey -z "$WARMUP" -c 1 -m POST -T application/octet-stream -D "$out/baseline-64x48.gray" \
        "$base/api/v1/frames?stream=bench&width=64&height=48" >/dev/null
    load baseline "$mode" raw-64x48 1 "$DURATION" application/octet-stream "$out/baseline-64x48.gray" \
        "width=64&height=48" | tee -a "$out/http-results.md"
    stop
done
