#!/usr/bin/env bash
# Installs the Debian packages the local-backend target file examples run (docs/targets/redis-local.yaml:
# redis-server and redis-cli), idempotently. The packaged service is not what chaos runs: chaos starts
# its own redis-server processes on free loopback ports, so a service the package started is stopped.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  echo "install-local-targets: redis-server and redis-cli already installed ($(redis-server --version | cut -d' ' -f3))"
  exit 0
fi
. "$(dirname "$0")/apt.sh"
apt_install redis-server redis-tools
if command -v service >/dev/null 2>&1; then
  $SUDO service redis-server stop >/dev/null 2>&1 || true
fi
echo "install-local-targets: installed $(redis-server --version | cut -d' ' -f3)"
