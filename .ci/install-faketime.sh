#!/usr/bin/env bash
# Installs Debian's faketime (libfaketime) for clock faults on the local backend, idempotently.
set -euo pipefail
if dpkg -s faketime >/dev/null 2>&1 && ls /usr/lib/*/faketime/libfaketimeMT.so.1 >/dev/null 2>&1; then
  echo "install-faketime: faketime already installed ($(dpkg-query -W -f '${Version}' faketime))"
  exit 0
fi
. "$(dirname "$0")/apt.sh"
apt_install faketime
echo "install-faketime: installed faketime $(dpkg-query -W -f '${Version}' faketime)"
