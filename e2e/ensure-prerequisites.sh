#!/usr/bin/env bash
# Installs what the end-to-end tests need beyond the JDK and Node: Debian's chromium, which the browser
# tests drive through playwright-core (no browser is downloaded by npm). Idempotent; does nothing when
# chromium is already there. Override the browser with CHROMIUM=/path/to/chromium.
set -euo pipefail

chromium=${CHROMIUM:-/usr/bin/chromium}

if [ -x "$chromium" ]; then
  exit 0
fi

if [ "$chromium" != /usr/bin/chromium ]; then
  echo "e2e: CHROMIUM=$chromium is not an executable file." >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "e2e: /usr/bin/chromium is missing and this is not a Debian/Ubuntu system (no apt-get)." >&2
  echo "e2e: install Chromium and set CHROMIUM=/path/to/chromium (or -Dchromium.executable=... for Maven)." >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "e2e: installing chromium needs root (or sudo): apt-get install -y chromium" >&2; exit 1; }
  sudo=(sudo)
fi

echo "e2e: installing Debian's chromium for the browser tests (apt-get install -y chromium)"
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y chromium; then
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y chromium
fi
[ -x /usr/bin/chromium ] || { echo "e2e: apt-get finished but /usr/bin/chromium is still missing." >&2; exit 1; }
