#!/usr/bin/env bash
# A/B ratios over HTTP on loopback, robust to a noisy shared machine: two servers (A and B) run side by
# side and are measured in alternation, ROUNDS times, so drift in the machine's speed hits both alike.
# Prints each round and the median frames/s of A and B and their ratio. See BENCHMARKS.md.
#
#   scripts/bench-ab.sh baseline   # baseline profile, concurrent (A) vs sequential (B), concurrency 1
#   scripts/bench-ab.sh modes      # 640x480/30 raw, concurrent (A) vs sequential (B), concurrency 1
#   scripts/bench-ab.sh scaling    # 640x480/30 raw, one concurrent server, concurrency 16 (A) vs 1 (B)
#   scripts/bench-ab.sh auto       # baseline profile, default mode (auto, spinning workers) (A) vs sequential (B)
#   scripts/bench-ab.sh spin       # baseline profile, concurrent: workers spin 2 ms (A) vs park at once (B);
#                                  # also prints each server's branch start delay p50/p99 and idle CPU
#   scripts/bench-ab.sh onnx       # 640x480/30 raw with the ONNX classifier, auto (A) vs sequential (B)
#   scripts/bench-ab.sh fork-jars OLD.jar  # baseline profile, default mode, concurrency 1: this build's jar (A)
#                                  # vs another (B), for changes to the fork's hand-off
#   scripts/bench-ab.sh jars OLD.jar  # this build's jar (A) vs another (B, e.g. built from an older commit),
#                                  # 640x480/30 raw and PNG at concurrency 16, with server CPU per frame
#                                  # (pidstat); each server warmed up per body first; A_ARGS: A's arguments
#                                  # (for example --framepipe.classifier.kind=rules); B_JAVA_OPTS: B's JVM
#                                  # options when they differ from JAVA_OPTS (B = A's jar then measures an
#                                  # option, e.g. B_JAVA_OPTS="" JAVA_OPTS="-XX:..."); BODIES: which bodies,
#                                  # of raw, png and empty (a 640x480 raw frame of zeros: no object, so the
#                                  # HTTP path's own cost); default "raw png"
#
# CLIENT=blocking: the concurrency-1 runs (warm-ups included) use scripts/blocking-client.py instead of hey: a
# client that sleeps while it waits for the answer, where hey's runtime keeps a thread spinning on the same
# two processors as the server (BENCHMARKS.md, seventh session).
#
# The JIT warm-up: bench_jit_warm (WARMUP, 15 s, at concurrency WARM_CONCURRENCY, 2; see scripts/lib/bench.sh),
# then 5 s at the measured concurrency.
#
# Builds first (./mvnw -DskipTests package) unless SKIP_BUILD is set, and writes the sample frames of
# scripts/bench-http.sh when they are missing. Every load run is bounded by DURATION.
set -euo pipefail
what=${1:-baseline}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-15s}
cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
bench_http_prepare
out=$BENCH_OUT

start() { # port, args...  (the jar is BENCH_JAR, else this build's); the server's pid is $bench_pid
    local port=$1; shift
    bench_start "$port" "$out/ab-$port.log" "$@"
}
rate() { # port, concurrency, body, query[, content type]
    if [[ ${CLIENT:-hey} == blocking && $2 == 1 ]]; then
        python3 scripts/blocking-client.py "$1" "/api/v1/frames?stream=ab&$4" "$3" "$DURATION" \
            "${5:-application/octet-stream}" | awk '/Requests\/sec/ {print $2}'
        return
    fi
    hey -z "$DURATION" -c "$2" -m POST -T "${5:-application/octet-stream}" -D "$3" \
        "http://127.0.0.1:$1/api/v1/frames?stream=ab&$4" | awk '/Requests\/sec/ {print $2}'
}
startdelay() { # port -> p50 and p99 of framepipe.branch.start.delay, as the upper bounds of their histogram buckets
    curl -fs "$(bench_management_url "$1")/actuator/prometheus" | python3 -c '
import re, sys
buckets = sorted((float(m.group(1)), float(m.group(2))) for m in
                 (re.match(r"framepipe_branch_start_delay_seconds_bucket\{.*le=\"([^\"]+)\".*\} (\S+)", l) for l in sys.stdin)
                 if m and m.group(1) != "+Inf")
total = buckets[-1][1] if buckets else 0
def q(p):
    return next((le * 1e6 for le, n in buckets if n >= p * total), float("nan"))
print("p50 <= %.1f us, p99 <= %.1f us (%d branches)" % (q(0.5), q(0.99), total))'
}
idlecpu() { # pid -> average CPU % over 10 s of an idle server
    pidstat -u -p "$1" 10 1 | awk '/Average/ {print $8}'
}
# frames/s and the server's CPU in ms per frame: pidstat samples the server's process over the hey run
# the JIT warm-up of one server for one body (see above)
warm() { # port, measured concurrency, body, query[, content type]
    bench_jit_warm "$1" "$3" "/api/v1/frames?stream=ab&$4" "${5:-}"
    DURATION=5s rate "$1" "$2" "$3" "$4" "${5:-}" >/dev/null
}
rate_cpu() { # port, server pid, concurrency, body, query, content type
    local seconds=${DURATION%s}
    pidstat -u -p "$2" 1 "$seconds" >"$out/ab-pidstat.txt" &
    local sampler=$!
    local fps
    fps=$(rate "$1" "$3" "$4" "$5" "$6")
    wait "$sampler"
    local cpu
    cpu=$(awk '/^Average:/ && $3 ~ /^[0-9]+$/ {print $8}' "$out/ab-pidstat.txt")
    echo "$fps $cpu"
}

if [[ "$what" == jars ]]; then
    old=${2:?usage: $0 jars OLD.jar}
    raw=$out/frame-640x480.gray; png=$out/frame-640x480.png; empty=$out/empty-640x480.gray
    bodies=${BODIES:-raw png}
    [[ -f $empty ]] || head -c 307200 /dev/zero > "$empty"
    pa=$(bench_free_port); pb=$(bench_free_port)
    # shellcheck disable=SC2086
    start "$pa" ${A_ARGS:-}; server_a=$bench_pid
    BENCH_JAR=$old JAVA_OPTS=${B_JAVA_OPTS-${JAVA_OPTS:-}} start "$pb"; server_b=$bench_pid
    body_args() { # raw|png|empty -> file, query, media type
        case $1 in
            raw) echo "$raw width=640&height=480 application/octet-stream";;
            png) echo "$png - image/png";;
            empty) echo "$empty width=640&height=480 application/octet-stream";;
        esac
    }
    for p in "$pa" "$pb"; do
        for body in $bodies; do
            read -r file query type < <(body_args "$body"); [[ $query == - ]] && query=""
            warm "$p" 16 "$file" "$query" "$type"
        done
    done
    declare -A fps cpu
    for r in $(seq 1 "$ROUNDS"); do
        for body in $bodies; do
            read -r file query type < <(body_args "$body"); [[ $query == - ]] && query=""
            read -r fa ca < <(rate_cpu "$pa" "$server_a" 16 "$file" "$query" "$type")
            read -r fb cb < <(rate_cpu "$pb" "$server_b" 16 "$file" "$query" "$type")
            fps[$body-a]+="$fa "; cpu[$body-a]+="$ca "; fps[$body-b]+="$fb "; cpu[$body-b]+="$cb "
            printf 'round %d %s c16: A %.0f frames/s (%.2f ms CPU/frame), B %.0f frames/s (%.2f ms CPU/frame), A/B %.2f\n' \
                "$r" "$body" "$fa" "$(echo "$ca * 10 / $fa" | bc -l)" "$fb" "$(echo "$cb * 10 / $fb" | bc -l)" \
                "$(echo "$fa / $fb" | bc -l)"
        done
    done
    for body in $bodies; do
        python3 - "$body" "${fps[$body-a]}" "${cpu[$body-a]}" "${fps[$body-b]}" "${cpu[$body-b]}" <<'PY'
import statistics, sys
body = sys.argv[1]
fa, ca, fb, cb = ([float(x) for x in arg.split()] for arg in sys.argv[2:6])
ratios = [a / b for a, b in zip(fa, fb)]
ms_a = statistics.median(c * 10 / f for c, f in zip(ca, fa))
ms_b = statistics.median(c * 10 / f for c, f in zip(cb, fb))
print(f"640x480 {body} (raw and png: 30 objects) c16: median A {statistics.median(fa):.0f} frames/s ({ms_a:.2f} ms server CPU/frame, "
      f"{statistics.median(ca):.0f} % CPU), median B {statistics.median(fb):.0f} frames/s ({ms_b:.2f} ms, "
      f"{statistics.median(cb):.0f} % CPU), median A/B {statistics.median(ratios):.2f} "
      f"(rounds {min(ratios):.2f}..{max(ratios):.2f})")
PY
    done
    exit 0
fi

pa=$(bench_free_port); pb=$(bench_free_port)
case "$what" in
    baseline)
        body=$out/baseline-64x48.gray; query="width=64&height=48"; ca=1; cb=1
        start "$pa" --spring.profiles.active=baseline --framepipe.pipeline.mode=concurrent
        start "$pb" --spring.profiles.active=baseline --framepipe.pipeline.mode=sequential
        label="baseline c1: concurrent (A) / sequential (B)";;
    modes)
        body=$out/frame-640x480.gray; query="width=640&height=480"; ca=1; cb=1
        start "$pa" --framepipe.pipeline.mode=concurrent
        start "$pb" --framepipe.pipeline.mode=sequential
        label="640x480/30 raw c1: concurrent (A) / sequential (B)";;
    scaling)
        body=$out/frame-640x480.gray; query="width=640&height=480"; ca=16; cb=1
        start "$pa" --framepipe.pipeline.mode=concurrent
        pb=$pa
        label="640x480/30 raw, concurrent mode: c16 (A) / c1 (B)";;
    auto)
        body=$out/baseline-64x48.gray; query="width=64&height=48"; ca=1; cb=1
        start "$pa" --spring.profiles.active=baseline
        start "$pb" --spring.profiles.active=baseline --framepipe.pipeline.mode=sequential
        label="baseline c1: default auto (A) / sequential (B)";;
    spin)
        body=$out/baseline-64x48.gray; query="width=64&height=48"; ca=1; cb=1
        start "$pa" --spring.profiles.active=baseline --framepipe.pipeline.mode=concurrent
        start "$pb" --spring.profiles.active=baseline --framepipe.pipeline.mode=concurrent --framepipe.executor.spin=0
        label="baseline c1, concurrent: spinning workers (A) / parking workers (B)";;
    fork-jars)
        old=${2:?usage: $0 fork-jars OLD.jar}
        body=$out/baseline-64x48.gray; query="width=64&height=48"; ca=1; cb=1
        start "$pa" --spring.profiles.active=baseline
        BENCH_JAR=$old start "$pb" --spring.profiles.active=baseline
        label="baseline c1, default mode: this build (A) / $old (B)";;
    onnx)
        body=$out/frame-640x480.gray; query="width=640&height=480"; ca=1; cb=1
        start "$pa" --framepipe.classifier.kind=onnx
        start "$pb" --framepipe.classifier.kind=onnx --framepipe.pipeline.mode=sequential
        label="640x480/30 raw, onnx classifier, c1: auto (A) / sequential (B)";;
    *) echo "usage: $0 baseline|modes|scaling|auto|spin|onnx|fork-jars OLD.jar|jars OLD.jar" >&2; exit 2;;
esac
if [ "$what" = spin ]; then
    echo "idle CPU before any frame: A $(idlecpu "${bench_pids[0]}")%, B $(idlecpu "${bench_pids[1]}")%"
fi
# warm-up both (JIT)
warm "$pa" "$ca" "$body" "$query"; warm "$pb" "$cb" "$body" "$query"
as=(); bs=()
for r in $(seq 1 "$ROUNDS"); do
    a=$(rate "$pa" "$ca" "$body" "$query"); b=$(rate "$pb" "$cb" "$body" "$query")
    as+=("$a"); bs+=("$b")
    printf 'round %d: A %.0f frames/s, B %.0f frames/s, A/B %.2f\n' "$r" "$a" "$b" "$(echo "$a / $b" | bc -l)"
done
if [ "$what" = spin ] || [ "$what" = auto ]; then
    echo "branch start delay (whole run, warm-up included): A $(startdelay "$pa"); B $(startdelay "$pb")"
fi
if [ "$what" = spin ]; then
    sleep 2
    echo "idle CPU after the load: A $(idlecpu "${bench_pids[0]}")%, B $(idlecpu "${bench_pids[1]}")%"
fi
python3 - "$label" "${as[*]}" "${bs[*]}" <<'PY'
import statistics, sys
label, a, b = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
ratios = [x / y for x, y in zip(a, b)]
print(f"{label}: median A {statistics.median(a):.0f} frames/s, median B {statistics.median(b):.0f} frames/s, "
      f"median ratio {statistics.median(ratios):.2f} (rounds {min(ratios):.2f}..{max(ratios):.2f})")
PY
