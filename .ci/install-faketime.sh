#!/usr/bin/env bash
# Installs Debian's faketime (libfaketime) for clock faults on the local backend, idempotently.
set -euo pipefail
if dpkg -s faketime >/dev/null 2>&1 && ls /usr/lib/*/faketime/libfaketimeMT.so.1 >/dev/null 2>&1; then
  echo "install-faketime: faketime already installed ($(dpkg-query -W -f '${Version}' faketime))"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends faketime >/dev/null
echo "install-faketime: installed faketime $(dpkg-query -W -f '${Version}' faketime)"
