#!/usr/bin/env bash
# Installs what the browser tests (dev.framepipe.ui) drive: Debian's headless Chromium and its
# ChromeDriver at /usr/bin/chromium and /usr/bin/chromedriver. No browser is downloaded by a test tool.
# Run by `./mvnw verify` itself (profile `browsers`, active when /usr/bin/chromedriver is missing).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-browsers: run as root or install sudo (needs apt-get)" >&2; exit 1; }
  sudo_cmd="sudo"
fi
echo "install-browsers: installing Debian packages chromium and chromium-driver"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium chromium-driver
