#!/usr/bin/env bash
# Where the forked branch runs, and what that costs (issue 11; BENCHMARKS.md, "Sixth session"). Baseline
# profile, concurrency 1, Linux only (taskset, /proc):
#   1. one server in `concurrent` mode, measured by scripts/round-trip.py as it is (unpinned), then with
#      every request thread (http-nio-*) pinned to CPU 0 and every stage worker (stage-*) to CPU 1, ROUNDS
#      times in alternation: the frames whose two branches did not overlap, unpinned against pinned;
#   2. a server in the default mode with the same pinning against a `sequential` server, ROUNDS rounds of
#      DURATION with hey in alternation: what the fork would give if the scheduler never put both threads
#      on one CPU.
# The pinning is an experiment from outside; the service itself does not pin threads. Needs two CPUs.
#
#   SKIP_BUILD=1 ROUNDS=2 scripts/fork-placement.sh
set -euo pipefail
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-15s}
cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
bench_http_prepare
body=$BENCH_OUT/baseline-64x48.gray
path='/api/v1/frames?width=64&height=48'

rate() { # port [duration]
    hey -z "${2:-$DURATION}" -c 1 -m POST -T application/octet-stream -D "$body" "http://127.0.0.1:$1$path" |
        awk '/Requests\/sec/ {print $2}'
}
pin() { # pid: request threads on CPU 0, stage workers on CPU 1
    local t
    for t in /proc/"$1"/task/*; do
        case "$(cat "$t/comm")" in
            stage-*) taskset -p -c 1 "${t##*/}" >/dev/null ;;
            http-nio*) taskset -p -c 0 "${t##*/}" >/dev/null ;;
        esac
    done
}
unpin() { # pid
    taskset -a -p -c 0,1 "$1" >/dev/null
}

port=$(bench_free_port)
bench_start "$port" "$BENCH_OUT/placement-$port.log" --spring.profiles.active=baseline --framepipe.pipeline.mode=concurrent
server=$bench_pid
bench_jit_warm "$port" "$body" "$path"; rate "$port" 5s >/dev/null
for r in $(seq 1 "$ROUNDS"); do
    for placement in unpinned pinned; do
        if [[ $placement == pinned ]]; then pin "$server"; else unpin "$server"; fi
        echo "round $r, concurrent, $placement:"
        python3 scripts/round-trip.py "$port" "$path" "$body" 2000 | grep -E 'latency|total|overlap'
    done
done
bench_stop_all

pa=$(bench_free_port); pb=$(bench_free_port)
bench_start "$pa" "$BENCH_OUT/placement-$pa.log" --spring.profiles.active=baseline
auto=$bench_pid
bench_start "$pb" "$BENCH_OUT/placement-$pb.log" --spring.profiles.active=baseline --framepipe.pipeline.mode=sequential
for p in "$pa" "$pb"; do
    bench_jit_warm "$p" "$body" "$path"; rate "$p" 5s >/dev/null
done
pin "$auto"
for r in $(seq 1 "$ROUNDS"); do
    a=$(rate "$pa"); b=$(rate "$pb")
    printf 'round %d: default mode, pinned %.0f frames/s; sequential %.0f frames/s; ratio %.2f\n' \
        "$r" "$a" "$b" "$(echo "$a / $b" | bc -l)"
done
