#!/usr/bin/env bash
# Proves the Dockerfile on a machine without a Docker engine or an image registry:
#   1. lints it with dockerfile-utils (npm),
#   2. uses the real base images when they are in local storage or can be pulled, otherwise
#      makes local stand-ins (Debian bookworm minbase + Debian's OpenJDK 17, tagged
#      eclipse-temurin:25-jdk / -jre; the application targets Java 17, so it builds and runs
#      on them),
#   3. builds the image with `buildah bud --isolation=chroot --pull=never`,
#   4. runs it with `buildah run --isolation=chroot --network=host` on a free local port,
#      checks /actuator/health, both probe groups, the docker-compose healthcheck command, the
#      non-root user, a frame POST (JSON report and annotated PNG), and scripts/check-observability.sh (promtool check
#      metrics) on /actuator/prometheus,
#   5. removes every container and image it made.
# The base root filesystems, the dockerfile-utils install and buildah's Maven cache mount are
# kept between runs, so a second run skips debootstrap and most downloads.
#
# Usage: scripts/container-check.sh            (as root; installs buildah & co. if missing)
# Env:   FRAMEPIPE_CHECK_PORT (default 18080; the management port is the next free one after it), FRAMEPIPE_CHECK_FRAMES=require|skip and
#        FRAMEPIPE_CHECK_METRICS=require|skip (default require: the image must answer frames and
#        be scraped; skip only to isolate a failing step),
#        FRAMEPIPE_CONTAINER_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/framepipe-container),
#        DEBIAN_MIRROR (default http://deb.debian.org/debian)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${FRAMEPIPE_CONTAINER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/framepipe-container}
PORT=${FRAMEPIPE_CHECK_PORT:-18080}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
FRAMES_MODE=${FRAMEPIPE_CHECK_FRAMES:-require}
METRICS_MODE=${FRAMEPIPE_CHECK_METRICS:-require}
IMAGE=localhost/framepipe:check
JDK_IMAGE=docker.io/library/eclipse-temurin:25-jdk
JRE_IMAGE=docker.io/library/eclipse-temurin:25-jre
HEALTH_TIMEOUT=${FRAMEPIPE_CHECK_HEALTH_TIMEOUT:-180}

WORK=$(mktemp -d /tmp/framepipe-container-check.XXXXXX)
CREATED_IMAGES=()
CONTAINER=""
RUN_PID=""
START=$(date +%s)
STEP_START=$START

log() { printf '[container-check %4ss] %s\n' "$(($(date +%s) - START))" "$*"; }
step() {
  local now
  now=$(date +%s)
  [[ -n ${STEP_NAME:-} ]] && log "done: $STEP_NAME ($((now - STEP_START)) s)"
  STEP_NAME=$1 STEP_START=$now
  log "step: $1"
}
fail() { log "FAIL: $*"; exit 1; }

# Ends the process tree that `buildah run` started (by pid, children first), then removes
# what this run created.
cleanup() {
  local rc=$?
  if [[ -n $RUN_PID ]] && kill -0 "$RUN_PID" 2>/dev/null; then
    local pids
    pids=$(descendants "$RUN_PID")
    for p in $pids "$RUN_PID"; do kill -TERM "$p" 2>/dev/null || true; done
    for _ in $(seq 1 30); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 1; done
    for p in $pids "$RUN_PID"; do kill -KILL "$p" 2>/dev/null || true; done
    wait "$RUN_PID" 2>/dev/null || true
  fi
  [[ -n $CONTAINER ]] && buildah rm "$CONTAINER" >/dev/null 2>&1 || true
  for img in "${CREATED_IMAGES[@]}"; do buildah rmi -f "$img" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
  if ((rc == 0)); then log "PASS (total $(($(date +%s) - START)) s)"; else log "exit $rc (total $(($(date +%s) - START)) s)"; fi
}
trap cleanup EXIT

descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    descendants "$child"
    echo "$child"
  done
}

# ---------------------------------------------------------------- tools
step "tools"
missing=()
for tool in buildah:buildah podman:podman debootstrap:debootstrap curl:curl python3:python3 npm:npm promtool:prometheus; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
mkdir -p "$CACHE"
LINTER="$CACHE/npm/node_modules/.bin/dockerfile-utils"
if [[ ! -x $LINTER ]]; then
  npm install --silent --no-audit --no-fund --prefix "$CACHE/npm" dockerfile-utils >/dev/null
fi

# ---------------------------------------------------------------- lint
step "lint Dockerfile (dockerfile-utils)"
lint_out=$("$LINTER" lint "$ROOT/Dockerfile" 2>&1) || fail "dockerfile-utils exited non-zero: $lint_out"
if [[ -n $lint_out ]]; then
  printf '%s\n' "$lint_out"
  fail "dockerfile-utils reported problems"
fi
log "dockerfile-utils: no problems"

# ---------------------------------------------------------------- base images
# rootfs tarball for a Debian bookworm minbase with one JDK/JRE package, cached under $CACHE.
base_rootfs() {
  local name=$1 package=$2 tarball="$CACHE/$1.tar"
  if [[ -s $tarball ]]; then
    echo "$tarball"
    return
  fi
  local minbase="$CACHE/bookworm-minbase.tar"
  if [[ ! -s $minbase ]]; then
    log "debootstrap --variant=minbase bookworm (once)" >&2
    debootstrap --variant=minbase bookworm "$WORK/minbase" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
      || { tail -20 "$WORK/debootstrap.log" >&2; fail "debootstrap failed"; }
    rm -rf "$WORK/minbase/var/cache/apt/archives/"*.deb "$WORK/minbase/var/lib/apt/lists/"*
    tar -C "$WORK/minbase" -cf "$minbase.part" . && mv "$minbase.part" "$minbase"
    rm -rf "$WORK/minbase"
  fi
  log "installing $package into a bookworm root (once)" >&2
  local c
  c=$(buildah from scratch)
  buildah add --quiet "$c" "$minbase" / >/dev/null
  buildah run --isolation=chroot --network=host "$c" -- sh -c \
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $package \
     && apt-get clean && rm -rf /var/lib/apt/lists/*" >"$WORK/apt-$name.log" 2>&1 \
    || { tail -20 "$WORK/apt-$name.log" >&2; fail "installing $package failed"; }
  local mnt
  mnt=$(buildah mount "$c")
  tar -C "$mnt" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
  buildah umount "$c" >/dev/null
  buildah rm "$c" >/dev/null
  echo "$tarball"
}

# Imports a cached rootfs as an image named like the real base image, unless one is present.
stand_in() {
  local image=$1 name=$2 package=$3
  if buildah inspect --type image "$image" >/dev/null 2>&1; then
    if [[ -n $(buildah inspect --type image --format '{{index .OCIv1.Config.Labels "dev.framepipe.stand-in"}}' "$image") ]]; then
      CREATED_IMAGES+=("$image")
      log "$image: stand-in left by an interrupted run, using it and removing it afterwards"
    else
      log "$image present in local storage: using it"
    fi
    return
  fi
  if timeout 300 buildah pull --quiet "$image" >/dev/null 2>&1; then
    log "$image pulled from its registry: using the real image (kept, like any base image)"
    return
  fi
  local tarball c arch java_home
  tarball=$(base_rootfs "$name" "$package")
  c=$(buildah from scratch)
  buildah add --quiet "$c" "$tarball" / >/dev/null
  # The host's trust stores, so that a build behind a TLS-inspecting proxy reaches Maven Central.
  for store in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/java/cacerts; do
    if [[ -s $store ]]; then buildah copy --quiet "$c" "$store" "$store" >/dev/null; fi
  done
  arch=$(dpkg --print-architecture)
  java_home=/usr/lib/jvm/java-17-openjdk-$arch
  buildah config --env "JAVA_HOME=$java_home" --env LANG=C.UTF-8 \
    --env "PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --cmd /bin/bash --label "dev.framepipe.stand-in=$package on debian bookworm" "$c"
  buildah commit --quiet --rm "$c" "$image" >/dev/null
  CREATED_IMAGES+=("$image")
  log "stand-in $image = debian bookworm minbase + $package"
}

step "base images"
stand_in "$JDK_IMAGE" bookworm-openjdk-17-jdk openjdk-17-jdk-headless
stand_in "$JRE_IMAGE" bookworm-openjdk-17-jre openjdk-17-jre-headless

# ---------------------------------------------------------------- build
step "buildah bud"
# --network=host: the builder stage fetches Maven and the dependencies from Maven Central.
buildah bud --isolation=chroot --pull=never --network=host --layers=false \
  -t "$IMAGE" -f "$ROOT/Dockerfile" "$ROOT" >"$WORK/build.log" 2>&1 \
  || { tail -40 "$WORK/build.log"; fail "buildah bud failed (log above)"; }
CREATED_IMAGES+=("$IMAGE")
user=$(buildah inspect --type image --format '{{.OCIv1.Config.User}}' "$IMAGE")
[[ -n $user && ${user%%:*} != 0 && ${user%%:*} != root ]] || fail "image USER is '$user', expected a non-root user"
log "image built, USER $user, $(buildah images --format '{{.Size}}' "$IMAGE")"

# ---------------------------------------------------------------- run
step "run"
for candidate in $(seq "$PORT" $((PORT + 20))); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
# The image's default management port is 8081; here the next free port after the API's.
for candidate in $(seq $((PORT + 1)) $((PORT + 21))); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then MANAGEMENT_PORT=$candidate; break; fi
done
CONTAINER=$(buildah from --pull=never "$IMAGE")
mapfile -t entrypoint < <(buildah inspect --type image --format '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}' "$IMAGE" | sed '/^$/d')
# SPRING_MAIN_CLOUD_PLATFORM=kubernetes switches on the liveness/readiness groups as on a cluster.
buildah run --isolation=chroot --network=host \
  --env "SERVER_PORT=$PORT" --env "MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT" --env SPRING_MAIN_CLOUD_PLATFORM=kubernetes \
  "$CONTAINER" -- "${entrypoint[@]}" >"$WORK/run.log" 2>&1 &
RUN_PID=$!
base="http://127.0.0.1:$PORT"
management="http://127.0.0.1:$MANAGEMENT_PORT"
deadline=$(($(date +%s) + HEALTH_TIMEOUT))
until [[ $(curl -s -o /dev/null -w '%{http_code}' "$management/actuator/health") == 200 ]]; do
  kill -0 "$RUN_PID" 2>/dev/null || { tail -40 "$WORK/run.log"; fail "container exited before it was healthy"; }
  (($(date +%s) < deadline)) || { tail -40 "$WORK/run.log"; fail "no healthy /actuator/health within ${HEALTH_TIMEOUT} s"; }
  sleep 1
done
log "/actuator/health: $(curl -s "$management/actuator/health")"
for group in liveness readiness; do
  body=$(curl -s -w ' %{http_code}' "$management/actuator/health/$group")
  [[ $body == *'"UP"'*' 200' ]] || fail "/actuator/health/$group answered: $body"
  log "/actuator/health/$group: $body"
done

# The docker-compose healthcheck (bash /dev/tcp, the image has no HTTP client), inside the image.
buildah run --isolation=chroot --network=host "$CONTAINER" -- bash -c \
  "exec 3<>/dev/tcp/127.0.0.1/$MANAGEMENT_PORT && printf 'GET /actuator/health/readiness HTTP/1.0\r\n\r\n' >&3 && grep -q '\"UP\"' <&3" \
  || fail "the docker-compose healthcheck command does not see readiness UP inside the image"
log "docker-compose healthcheck command: readiness UP"

java_pid=""
for p in $(descendants "$RUN_PID"); do
  if [[ $(ps -o comm= -p "$p") == java ]]; then java_pid=$p; fi
done
[[ -n $java_pid ]] || fail "no java process under buildah run"
java_uid=$(ps -o uid= -p "$java_pid" | tr -d ' ')
((java_uid != 0)) || fail "java runs as root"
log "java (pid $java_pid) runs as uid $java_uid"

# ---------------------------------------------------------------- one frame
step "frame POST"
if [[ $FRAMES_MODE == require ]]; then
  # 64x48 grayscale PNG, dark background, two bright discs.
  python3 - "$WORK/frame.png" <<'PY'
import struct, sys, zlib
w, h = 64, 48
rows = b"".join(
    b"\x00" + bytes(220 if (x - 16) ** 2 + (y - 24) ** 2 <= 64 or (x - 46) ** 2 + (y - 20) ** 2 <= 36 else 20
                    for x in range(w))
    for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY
  code=$(curl -s -o "$WORK/report.json" -w '%{http_code}' --data-binary @"$WORK/frame.png" \
    -H 'Content-Type: image/png' "$base/api/v1/frames?stream=check")
  [[ $code == 200 ]] || fail "POST /api/v1/frames answered $code: $(head -c 500 "$WORK/report.json")"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert isinstance(r["objects"], list) and r["objects"], r; print(len(r["objects"]))' \
    "$WORK/report.json" >"$WORK/objects" || fail "report has no objects (two discs were sent): $(head -c 500 "$WORK/report.json")"
  log "POST /api/v1/frames: 200, $(cat "$WORK/objects") objects"
  # The annotated frame draws with AWT inside the image's JRE.
  code=$(curl -s -o "$WORK/annotated.png" -w '%{http_code}' --data-binary @"$WORK/frame.png" \
    -H 'Content-Type: image/png' -H 'Accept: image/png' "$base/api/v1/frames?stream=check")
  [[ $code == 200 ]] || fail "POST /api/v1/frames with Accept: image/png answered $code"
  [[ $(head -c 4 "$WORK/annotated.png" | od -An -tx1 | tr -d ' ') == 89504e47 ]] \
    || fail "Accept: image/png did not answer a PNG"
  log "POST /api/v1/frames (Accept: image/png): 200, annotated PNG of $(wc -c <"$WORK/annotated.png") bytes"
else
  log "SKIPPED (FRAMEPIPE_CHECK_FRAMES=skip)"
fi

# ---------------------------------------------------------------- metrics
step "metrics scrape (scripts/check-observability.sh)"
if [[ $METRICS_MODE == require ]]; then
  FRAMEPIPE_REQUIRE_SCRAPE=1 "$ROOT/scripts/check-observability.sh" "$management" | sed 's/^/    /'
else
  log "SKIPPED (FRAMEPIPE_CHECK_METRICS=skip)"
fi
step "cleanup"
