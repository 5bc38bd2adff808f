#!/usr/bin/env bash
# Installs Debian's postgresql-client (psql) for the Patroni target file's command client
# (docs/targets/patroni.yaml runs psql on this machine), idempotently.
set -euo pipefail
if command -v psql >/dev/null 2>&1; then
  echo "install-psql: psql already installed ($(psql --version))"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql-client >/dev/null
echo "install-psql: installed $(psql --version)"
