# shellcheck shell=bash
# Shared by the benchmark and overload scripts (bench-ab, bench-http, bench-batch, overload, no-collapse):
# building, the packaged jar, free ports, starting a server and waiting for its readiness, the sample
# frames. Source it from a script that has already cd'ed to the repository root:
#
#   cd "$(dirname "$0")/.."
#   source scripts/lib/bench.sh
#
# Every server started with bench_start is stopped when the script exits (bench_start sets the EXIT trap).

# The readiness probe of a server, as a printf format of its management port (the actuator's own port,
# management.server.port, which bench_start gives every server it starts).
BENCH_READINESS_URL=${BENCH_READINESS_URL:-http://127.0.0.1:%s/actuator/health/readiness}
# How long a server may take to become ready, in seconds.
BENCH_READY_TIMEOUT=${BENCH_READY_TIMEOUT:-120}

# The pids of the servers bench_start started, and the last one; the management port of each server port.
bench_pids=()
bench_pid=""
declare -A bench_management_ports

# Where the HTTP benchmarks keep their sample frames and server logs.
BENCH_OUT=target/bench

# The HTTP benchmarks' common start: hey and curl present, hey run with one Go thread (HEY_GOMAXPROCS; one is
# enough for these request rates and leaves the server as much of the two cores as possible; 2 changes the
# baseline A/B ratio little, see BENCHMARKS.md), the service built (bench_build) and the sample frames written
# to BENCH_OUT when one of them is missing (rm -r target/bench to write them anew).
bench_http_prepare() {
    command -v hey >/dev/null || { echo "hey is missing: apt-get install -y hey" >&2; return 1; }
    command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; return 1; }
    export GOMAXPROCS=${HEY_GOMAXPROCS:-1}
    bench_build
    local frame
    for frame in frame-640x480.gray frame-640x480.png baseline-64x48.gray; do
        if [[ ! -f $BENCH_OUT/$frame ]]; then
            bench_sample_frames "$BENCH_OUT"
            return
        fi
    done
}

# The JIT warm-up of the server on PORT for one body: WARMUP (default 15s) of hey at WARM_CONCURRENCY
# (default 2). At concurrency 16 the C2 compiler thread gets a seventeenth of the two processors and still
# compiles the request path a minute later; at concurrency 1 the request path's methods are not called often
# enough for C2 within 15 s (BENCHMARKS.md, seventh session). Follow it with a few seconds at the measured
# concurrency.
bench_jit_warm() { # port, body file, path and query[, content type]
    hey -z "${WARMUP:-15s}" -c "${WARM_CONCURRENCY:-2}" -m POST -T "${4:-application/octet-stream}" -D "$2" \
        "http://127.0.0.1:$1$3" >/dev/null
}

# Prints the JVM options the container ships (the Dockerfile's JAVA_TOOL_OPTIONS) except its heap sizing by
# share of the container's memory, which a script outside a container sets itself (-Xms/-Xmx); with PATTERN,
# only the options matching it (grep -E).
bench_container_opts() { # [pattern]
    sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' Dockerfile | tr ' ' '\n' | grep -v RAMPercentage \
        | grep -E -- "${1:-.}" | tr '\n' ' '
}

# Packages the service (tests compiled, not run) unless SKIP_BUILD is set.
bench_build() {
    if [[ -z "${SKIP_BUILD:-}" ]]; then
        ./mvnw -B -ntp -q -DskipTests package
    fi
}

# Prints the path of the packaged service jar (not the -plain one); fails when there is none.
bench_jar() {
    local jar
    jar=$(ls target/framepipe-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
    [[ -n "$jar" ]] || { echo "no target/framepipe-*.jar: run ./mvnw -DskipTests package first" >&2; return 1; }
    echo "$jar"
}

# Prints a free TCP port on 127.0.0.1.
bench_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Prints the base URL of the actuator of the server on PORT (one bench_start started).
bench_management_url() { # port
    echo "http://127.0.0.1:${bench_management_ports[$1]}"
}

# Prints the readiness URL of the server on PORT.
bench_readiness_url() { # port
    # shellcheck disable=SC2059
    printf "$BENCH_READINESS_URL" "${bench_management_ports[$1]}"
}

# Waits until the server on PORT is ready; fails when the process PID ends first or after BENCH_READY_TIMEOUT.
bench_wait_ready() { # port, pid, log
    local url tries
    url=$(bench_readiness_url "$1")
    tries=$((BENCH_READY_TIMEOUT * 2))
    for _ in $(seq 1 "$tries"); do
        curl -fs "$url" >/dev/null 2>&1 && return 0
        kill -0 "$2" 2>/dev/null || { echo "the server on port $1 ended before it was ready; see $3" >&2; return 1; }
        sleep 0.5
    done
    echo "the server on port $1 did not become ready in ${BENCH_READY_TIMEOUT}s; see $3" >&2
    return 1
}

# Stops every server bench_start started.
bench_stop_all() {
    local p
    for p in "${bench_pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${bench_pids[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    bench_pids=()
    bench_pid=""
}

# Stops the server PID (one bench_start started).
bench_stop() { # pid
    local p kept=()
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    for p in "${bench_pids[@]}"; do
        [[ "$p" == "$1" ]] || kept+=("$p")
    done
    bench_pids=("${kept[@]}")
}

# Starts the jar (BENCH_JAR, else bench_jar) on 127.0.0.1:PORT, its actuator on a free port of its own
# (bench_management_url PORT), with root logging at WARN and the given arguments, JVM options from
# JAVA_OPTS (split on spaces), output to LOG; waits for readiness. Sets bench_pid (call it directly, not
# in $(...)).
bench_start() { # port, log, application arguments...
    local port=$1 log=$2 jar
    shift 2
    jar=${BENCH_JAR:-$(bench_jar)}
    bench_management_ports[$port]=$(bench_free_port)
    trap bench_stop_all EXIT
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
        --management.server.port="${bench_management_ports[$port]}" --logging.level.root=WARN \
        "$@" >"$log" 2>&1 &
    bench_pid=$!
    bench_pids+=("$bench_pid")
    bench_wait_ready "$port" "$bench_pid" "$log"
}

# Writes the sample frames of dev.framepipe.bench.SampleFrames (640x480 raw and PNG, the baseline frame)
# to DIR; needs the compiled test classes (bench_build).
bench_sample_frames() { # dir
    mkdir -p "$1"
    ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$1/classpath.txt"
    java -cp "target/test-classes:target/classes:$(cat "$1/classpath.txt")" dev.framepipe.bench.SampleFrames "$1"
}
