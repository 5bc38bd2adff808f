#!/usr/bin/env bash
# Installs headless Chromium for the report browser test (ReportBrowserIT), idempotently.
set -euo pipefail
if dpkg -s chromium >/dev/null 2>&1 && [ -x /usr/bin/chromium ]; then
  echo "install-chromium: chromium already installed ($(/usr/bin/chromium --version 2>/dev/null || echo '?'))"
  exit 0
fi
. "$(dirname "$0")/apt.sh"
apt_install chromium
echo "install-chromium: $(/usr/bin/chromium --version)"
