#!/usr/bin/env bash
# No collapse under overload (issue 15), with a heap large enough for memory not to bind (-Xmx4g):
#   A  2 clients posting 4096x4096 PNGs back to back        against
#   B  64 clients each posting one such PNG a second (hey -q 1), several times what 2 cores analyse;
#   E  64 clients posting such PNGs back to back, each posting again as soon as it is answered: a retry storm
#      that ignores Retry-After, where the refusals' own work competes with the frames admitted;
#   C  16 clients posting raw 640x480 frames back to back   against
#   D  64 clients doing the same.
# After a 25 s warm-up, the runs alternate (A B E A B E, C D C D), 20 s each by default; a line per
# run: frames/s answered 200, and the shares of 503 and 504. B should keep >= 80 % of A's frames/s with
# < 5 % 504, D >= 80 % of C's. E has no bound in the issue; its frames/s against A's says how much of the
# processors the analysis keeps during a storm of refusals.
# The JVM runs with the container's priority options, from the Dockerfile (PRIORITY_OPTS; set it empty to
# measure without them).
#
#   scripts/no-collapse.sh [SECONDS] [JAR]     (needs hey, curl; frames from scripts/overload.sh's generator)
#   SERVER_ARGS='--server.tomcat.max-swallow-size=64KB' scripts/no-collapse.sh 20   # a setting to try
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
seconds=${1:-20}
jar=${2:-$(bench_jar)}
work=target/overload
port=${FRAMEPIPE_NO_COLLAPSE_PORT:-18097}
[ -f "$work/frame4k.png" ] || java -cp target/test-classes:target/classes dev.framepipe.reliability.OverloadFrames "$work"
# shellcheck disable=SC2086
BENCH_JAR=$jar JAVA_OPTS="-Xmx4g ${PRIORITY_OPTS-$(bench_container_opts Priority)}" bench_start "$port" "$work/no-collapse-app.log" ${SERVER_ARGS:-}
base=http://127.0.0.1:$port/api/v1/frames
png=(-m POST -T image/png -D "$work/frame4k.png" "$base?stream=png")
small=(-m POST -T application/octet-stream -D "$work/small.gray" "$base?stream=small&width=640&height=480")
# JIT warm-up of every path the runs take, refusals included: 15 s of large frames (5 s of them from 64
# clients, so the refusal path is compiled before B is measured) and 10 s of small ones.
hey -z 10s -c 2 "${png[@]}" > /dev/null
hey -z 5s -c 64 -q 1 "${png[@]}" > /dev/null
hey -z 5s -c 8 "${small[@]}" > /dev/null
hey -z 5s -c 64 "${small[@]}" > /dev/null
line() { # label, hey report
  awk -v label="$1" -v s="$seconds" '
    /^ +\[[0-9][0-9][0-9]\]/ {gsub(/[\[\]]/, "", $1); n[$1] += $2; total += $2}
    /Error distribution/ {e = 1; next}
    e && /^ +\[[0-9]+\]/ {gsub(/[\[\]]/, "", $1); errors += $1}
    END {t = total + errors; if (t == 0) t = 1;
      printf "%-34s %7.2f frames/s  503 %5.1f%%  504 %5.1f%%  errors %d\n", label, n["200"] / s,
        100 * n["503"] / t, 100 * n["504"] / t, errors}' "$2"
}
for round in 1 2; do
  hey -z "${seconds}s" -c 2 "${png[@]}" > "$work/nc-a$round.txt"; line "A 2 clients PNG back to back" "$work/nc-a$round.txt"
  hey -z "${seconds}s" -c 64 -q 1 "${png[@]}" > "$work/nc-b$round.txt"; line "B 64 clients PNG 1/s each" "$work/nc-b$round.txt"
  hey -z "${seconds}s" -c 64 "${png[@]}" > "$work/nc-e$round.txt"; line "E 64 clients PNG back to back" "$work/nc-e$round.txt"
done
for round in 1 2; do
  hey -z "${seconds}s" -c 16 "${small[@]}" > "$work/nc-c$round.txt"; line "C 16 clients 640x480 back to back" "$work/nc-c$round.txt"
  hey -z "${seconds}s" -c 64 "${small[@]}" > "$work/nc-d$round.txt"; line "D 64 clients 640x480 back to back" "$work/nc-d$round.txt"
done
