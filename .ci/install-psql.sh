#!/usr/bin/env bash
# Installs Debian's postgresql-client (psql) for the Patroni target file's command client
# (docs/targets/patroni.yaml runs psql on this machine), idempotently.
set -euo pipefail
if psql --version >/dev/null 2>&1; then
  echo "install-psql: psql already installed ($(psql --version))"
  exit 0
fi
. "$(dirname "$0")/apt.sh"
apt_install postgresql-client
echo "install-psql: installed $(psql --version)"
