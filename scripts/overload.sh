#!/usr/bin/env bash
# Overload from outside, as in issue 15: the packaged jar in its own JVM with the container's heap
# (-Xms768m -Xmx768m: 1 GiB limit x Initial- and MaxRAMPercentage=75) and the Dockerfile's other JVM options (G1,
# -XX:+ExitOnOutOfMemoryError, the request threads' priority; read from it), 64 clients for 20 s (hey) per workload:
#   png    valid 4096x4096 PNG frames (about 9 MB)
#   raw    raw 4096x4096 frames (16 MB)
#   noise  raw 4096x4096 random noise (millions of foreground runs)
#   mix    32 clients with 4096x4096 colour JPEGs and 32 with raw 640x480 frames
# After each: the process must be alive, readiness UP, the stream's stats must count every 200 as
# ok and every other request as rejected; the heap after a full GC is printed next to the idle one.
# A line per workload: frames/s answered 200, share refused, statuses, peak heap used (jstat).
# Each workload first runs WARM seconds (default 5; 0 for none) as JIT warm-up, on streams w-png and so
# on, printed and checked like the rest except that a 504 there does not fail the run.
#
#   scripts/overload.sh [SECONDS] [CLIENTS]      (defaults 20 and 64; needs hey, jstat, jcmd, curl)
#   SERVER_ARGS='--server.tomcat.threads.max=16' scripts/overload.sh 20   # a setting to try
#
# Builds what is missing (./mvnw package -DskipTests, test classes for the frame generator).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
seconds=${1:-20}
clients=${2:-64}
warm=${WARM:-5}
strict=1
half=$((clients / 2))
port=${FRAMEPIPE_OVERLOAD_PORT:-18095}
work=target/overload
if ! bench_jar > /dev/null 2>&1 || [ ! -d target/test-classes/dev/framepipe/reliability ]; then
  bench_build
fi
mkdir -p "$work"
[ -f "$work/frame4k.png" ] || java -cp target/test-classes:target/classes dev.framepipe.reliability.OverloadFrames "$work"

# shellcheck disable=SC2086
JAVA_OPTS="-Xms768m -Xmx768m $(bench_container_opts)" bench_start "$port" "$work/app.log" ${SERVER_ARGS:-} \
  --management.endpoint.health.probes.enabled=true
app=$bench_pid
base=http://127.0.0.1:$port

heap_after_gc() { # MiB used after a full GC
  jcmd $app GC.run > /dev/null
  jstat -gc $app | awk 'NR==2 {printf "%.0f", ($3+$4+$6+$8)/1024}'
}
count() { # status count from a hey report
  awk -v s="[$1]" '$1==s {print $2}' "$2" | head -1
}

# Warm the JIT up (15 s of mixed traffic at low concurrency).
hey -z 15s -c 2 -m POST -T image/png -D "$work/frame4k.png" "$base/api/v1/frames?stream=warm" > /dev/null
hey -z 5s -c 4 -m POST -T application/octet-stream -D "$work/small.gray" "$base/api/v1/frames?stream=warm&width=640&height=480" > /dev/null
idle=$(heap_after_gc)
printf 'idle heap after GC: %s MiB (max 768 MiB)\n' "$idle"
printf '%-6s %8s %9s %8s %8s %8s %s\n' workload frames/s refused 200 503 other "peak heap MiB / after GC MiB"
failed=0
run() { # name, then one or two hey argument sets separated by ::
  local name=$1; shift
  local peakfile=$work/$name.peak
  ( peak=0; while kill -0 $app 2>/dev/null; do
      used=$(jstat -gc $app 2>/dev/null | awk 'NR==2 {printf "%.0f", ($3+$4+$6+$8)/1024}') || break
      [ -n "$used" ] && [ "$used" -gt "$peak" ] && peak=$used && echo $peak > "$peakfile"
      sleep 0.5; done ) &
  local sampler=$!
  local reports=() pids=() i=0 args=()
  for a in "$@" "::"; do
    if [ "$a" = "::" ]; then
      hey -z "${seconds}s" "${args[@]}" > "$work/$name.$i.txt" &
      pids+=($!); reports+=("$work/$name.$i.txt"); i=$((i + 1)); args=()
    else args+=("$a"); fi
  done
  wait "${pids[@]}" || true
  kill $sampler 2>/dev/null || true
  if ! kill -0 $app 2>/dev/null; then
    echo "$name: THE APPLICATION DIED"; tail -5 "$work/app.log"; exit 1
  fi
  local ok=0 refused=0 other=0 errors=0
  for r in "${reports[@]}"; do
    ok=$((ok + $(count 200 "$r" || echo 0) + 0))
    refused=$((refused + $(count 503 "$r" || echo 0) + 0))
    other=$((other + $(awk '/^ +\[[0-9][0-9][0-9]\]/ && $1 != "[200]" && $1 != "[503]" {s+=$2} END {print s+0}' "$r")))
    errors=$((errors + $(awk '/Error distribution/ {e=1; next} e && /\[[0-9]+\]/ {gsub(/[\[\]]/, "", $1); s+=$1} END {print s+0}' "$r")))
  done
  local stats; stats=$(curl -s "$base/api/v1/stats/$name")
  local sok srej
  sok=$(echo "$stats" | sed -E 's/.*"ok":([0-9]+).*/\1/')
  srej=$(echo "$stats" | sed -E 's/.*"rejected":([0-9]+).*/\1/')
  local ready; ready=$(curl -s -o /dev/null -w '%{http_code}' "$(bench_readiness_url "$port")")
  local total=$((ok + refused + other + errors))
  printf '%-6s %8.1f %8.1f%% %8d %8d %8d %s / %s\n' "$name" "$(echo "$ok / $seconds" | bc -l)" \
    "$(echo "100 * ($refused + $errors) / ($total + ($total == 0))" | bc -l)" "$ok" "$refused" "$other" \
    "$(cat "$peakfile" 2>/dev/null || echo ?)" "$(heap_after_gc)"
  if [ "$errors" -gt 0 ]; then
    echo "       $errors refused before the client finished sending its body (hey: broken pipe), counted rejected by the service"
  fi
  local late; late=$(awk '$1 == "[504]" {s+=$2} END {print s+0}' "${reports[@]}")
  if [ "$strict" = 0 ]; then other=$((other - late)); fi
  if [ "$other" -ne 0 ] || [ "$ready" != 200 ] || [ "$sok" != "$ok" ] || [ "$srej" != $((refused + errors)) ]; then
    echo "       FAILED: other statuses $other, readiness $ready, stats ok $sok (200s $ok), rejected $srej (503s + refused bodies $((refused + errors)))"
    failed=1
  fi
}
workloads() { # stream prefix
  run "${1}png" -c "$clients" -m POST -T image/png -D "$work/frame4k.png" "$base/api/v1/frames?stream=${1}png"
  run "${1}raw" -c "$clients" -m POST -T application/octet-stream -D "$work/raw4k.gray" \
    "$base/api/v1/frames?stream=${1}raw&width=4096&height=4096"
  run "${1}noise" -c "$clients" -m POST -T application/octet-stream -D "$work/noise4k.gray" \
    "$base/api/v1/frames?stream=${1}noise&width=4096&height=4096"
  run "${1}mix" -c "$half" -m POST -T image/jpeg -D "$work/large.jpg" "$base/api/v1/frames?stream=${1}mix" :: \
    -c "$half" -m POST -T application/octet-stream -D "$work/small.gray" \
    "$base/api/v1/frames?stream=${1}mix&width=640&height=480"
}
if [ "$warm" -gt 0 ]; then
  # The JIT warm-up of every path the workloads take (refusals, noise, JPEG), as for any HTTP measurement;
  # its lines are printed (w-) and checked like the others, except that a 504 there does not fail the run.
  measured=$seconds; seconds=$warm; strict=0
  workloads w-
  seconds=$measured; strict=1
fi
workloads ""
exit $failed
