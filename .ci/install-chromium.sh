#!/usr/bin/env bash
# Installs headless Chromium for the report browser test (ReportBrowserIT), idempotently.
set -euo pipefail
if dpkg -s chromium >/dev/null 2>&1 && [ -x /usr/bin/chromium ]; then
  echo "install-chromium: chromium already installed ($(/usr/bin/chromium --version 2>/dev/null || echo '?'))"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium
echo "install-chromium: $(/usr/bin/chromium --version)"
