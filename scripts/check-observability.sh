#!/usr/bin/env bash
# Checks the Prometheus side of FramePipe with promtool (Debian package `prometheus`):
#   promtool check config   deploy/prometheus/prometheus.yml (also checks the rule files it loads)
#   promtool check rules    deploy/prometheus/rules/*.yml
#   promtool test rules     deploy/prometheus/tests/*.test.yml
#   promtool check metrics  on a real scrape of a running service, when one answers
#   the Grafana dashboard JSON parses; docker-compose.yml is valid (`docker-compose config`,
#   Debian package docker-compose, needs no engine) and its bind mounts exist
#
# Usage: scripts/check-observability.sh [SERVICE_URL]   (default http://127.0.0.1:8081, the management port)
#        SERVICE_URL=none skips the scrape; FRAMEPIPE_REQUIRE_SCRAPE=1 fails when nothing answers.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
URL=${1:-http://127.0.0.1:8081}
PROM="$ROOT/deploy/prometheus"

if ! command -v promtool >/dev/null; then
  echo "installing promtool (Debian package prometheus)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
fi

# promtool resolves rule_files relative to the config file; run from its directory.
cd "$PROM"
promtool check config prometheus.yml
promtool check rules rules/*.yml
promtool test rules tests/*.test.yml

python3 - "$ROOT" <<'PY'
import json, pathlib, sys
root = pathlib.Path(sys.argv[1]) / "deploy/grafana"
dashboards = sorted((root / "dashboards").glob("*.json"))
assert dashboards, f"no dashboard JSON under {root / 'dashboards'}"
for path in dashboards:
    dashboard = json.loads(path.read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    assert exprs and all(exprs), f"{path}: panel without a query"
    assert all(t["datasource"]["uid"] == "prometheus" for p in dashboard["panels"] for t in p.get("targets", []))
    print(f"  SUCCESS: {path.relative_to(root.parent.parent)}: {len(dashboard['panels'])} panels, {len(exprs)} queries")
PY

if ! command -v docker-compose >/dev/null; then
  echo "installing docker-compose (Debian package, used only for 'config')"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
echo "Checking docker-compose.yml"
docker-compose -f "$ROOT/docker-compose.yml" config -q
mounts=0
for mount in $(docker-compose -f "$ROOT/docker-compose.yml" config | sed -n 's/^ *- \(\/[^:]*\):.*:ro$/\1/p'); do
  [[ -e $mount ]] || { echo "  FAILED: bind mount $mount does not exist"; exit 1; }
  mounts=$((mounts + 1))
done
echo "  SUCCESS: valid, $mounts bind mounts present"

if [[ $URL == none ]]; then
  echo "scrape skipped (SERVICE_URL=none)"
  exit 0
fi
scrape=$(mktemp)
trap 'rm -f "$scrape"' EXIT
code=$(curl -s -o "$scrape" -w '%{http_code}' --max-time 10 "$URL/actuator/prometheus" || true)
if [[ $code != 200 ]]; then
  echo "no scrape from $URL/actuator/prometheus (HTTP ${code:-none}); start the service or pass its URL"
  [[ ${FRAMEPIPE_REQUIRE_SCRAPE:-0} == 1 ]] && exit 1
  exit 0
fi
echo "Checking $URL/actuator/prometheus"
# Exit 1: the exposition text does not parse. Exit 3: lint findings; FramePipe's own meters
# (framepipe_*) must have none, those of the JVM, Tomcat and Boot meters are listed only.
rc=0
findings=$(promtool check metrics <"$scrape" 2>&1) || rc=$?
if ((rc != 0 && rc != 3)); then
  echo "$findings"
  echo "  FAILED: promtool check metrics exit $rc"
  exit 1
fi
own=$(grep '^framepipe_' <<<"$findings" || true)
if [[ -n $own ]]; then
  echo "$own"
  echo "  FAILED: lint findings on FramePipe's meters"
  exit 1
fi
if [[ -n $findings ]]; then
  echo "  lint findings on library meters (not FramePipe's), for information:"
  sed 's/^/    /' <<<"$findings" | head -5
  echo "    ... $(wc -l <<<"$findings") in all"
fi
echo "  SUCCESS: parses; $(grep -vc '^#' "$scrape") samples, $(grep -c '^# TYPE framepipe_' "$scrape" || true) framepipe_* families, none with lint findings"
