#!/usr/bin/env bash
# Batch vs single POSTs over HTTP on loopback (issue 12). See BENCHMARKS.md, "Batches".
#
#   scripts/bench-batch.sh                 # build, then the whole run (about 2 minutes)
#   SKIP_BUILD=1 ROUNDS=5 scripts/bench-batch.sh
#
# One server (`java -jar target/framepipe-*.jar`, defaults) on a free 127.0.0.1 port. After a JIT
# warm-up of WARMUP (single frames and batches, both formats), ROUNDS rounds each measure, in
# alternation and on the same server:
#   A  200 single POSTs of the 640x480 frame (~30 objects) at concurrency 1 (hey -n 200 -c 1, keep-alive)
#   B  the same 200 frames as ONE batch: curl -F frame=@... x200 to POST /api/v1/batches
# for raw gray8 and for PNG. frames/s = 200 / wall time of the client. For every batch it also reads
# the server's CPU time from /proc (utime + stime) and prints the server's CPU use over that batch
# (200 % = both cores busy). Prints each round, then the medians and the median of the per-round ratios.
set -euo pipefail

ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-15s}
FRAMES=200

cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
bench_http_prepare
out=$BENCH_OUT

port=$(bench_free_port)
base="http://127.0.0.1:$port"
bench_start "$port" "$out/batch-server.log"
pid=$bench_pid

# curl config files: 200 parts of the same frame, each with its own file name.
for format in gray png; do
    type=application/octet-stream; [[ $format == png ]] && type=image/png
    : >"$out/batch-$format.curl"
    for i in $(seq 1 $FRAMES); do
        printf 'form = "frame=@%s;type=%s;filename=f%03d.%s"\n' "$out/frame-640x480.$format" "$type" "$i" "$format" \
            >>"$out/batch-$format.curl"
    done
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)

single() { # format -> frames/s
    local type=application/octet-stream; [[ $1 == png ]] && type=image/png
    hey -n $FRAMES -c 1 -m POST -T "$type" -D "$out/frame-640x480.$1" \
        "$base/api/v1/frames?stream=bench-single&width=640&height=480" | awk '/Requests\/sec/ {print $2}'
}
batch() { # format -> "frames/s cpu%"
    local before after seconds
    before=$(cpu_ticks)
    seconds=$(curl -fsS --no-buffer -K "$out/batch-$1.curl" -o "$out/batch-$1.ndjson" -w '%{time_total}' \
        "$base/api/v1/batches?stream=bench-batch&width=640&height=480")
    after=$(cpu_ticks)
    local lines; lines=$(grep -c '"status":200' "$out/batch-$1.ndjson" || true)
    [[ $lines == "$FRAMES" ]] || { echo "batch answered $lines of $FRAMES frames; see $out/batch-$1.ndjson" >&2; exit 1; }
    python3 -c "import sys; s=float(sys.argv[1]); print(f'{$FRAMES/s:.1f} {100*($after-$before)/$hz/s:.0f}')" "$seconds"
}

echo "warm-up $WARMUP ..."
hey -z "$WARMUP" -c 4 -m POST -T application/octet-stream -D "$out/frame-640x480.gray" \
    "$base/api/v1/frames?stream=warmup&width=640&height=480" >/dev/null
hey -z 5s -c 4 -m POST -T image/png -D "$out/frame-640x480.png" "$base/api/v1/frames?stream=warmup" >/dev/null
for _ in 1 2 3; do batch gray >/dev/null; batch png >/dev/null; done

results=()
for r in $(seq 1 "$ROUNDS"); do
    for format in gray png; do
        a=$(single $format)
        read -r b cpu <<<"$(batch $format)"
        printf 'round %d %-4s: single c1 %6.1f frames/s | one batch %6.1f frames/s, server CPU %s %% | batch/single %.2f\n' \
            "$r" "$format" "$a" "$b" "$cpu" "$(echo "$b / $a" | bc -l)"
        results+=("$format $a $b $cpu")
    done
done
printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
rows = [line.split() for line in sys.stdin if line.strip()]
for fmt, name in (("gray", "raw gray8"), ("png", "PNG")):
    r = [(float(a), float(b), float(c)) for f, a, b, c in rows if f == fmt]
    ratio = [b / a for a, b, _ in r]
    print(f"{name} 640x480, 200 frames: single c1 median {statistics.median(a for a,_,_ in r):.0f} frames/s, "
          f"one batch median {statistics.median(b for _,b,_ in r):.0f} frames/s, "
          f"ratio median {statistics.median(ratio):.2f} ({min(ratio):.2f}..{max(ratio):.2f}), "
          f"server CPU during the batch median {statistics.median(c for _,_,c in r):.0f} %")
'
