#!/usr/bin/env bash
# Installs Debian's prometheus package (prometheus and promtool) for alert validation, idempotently.
# chaos starts a Prometheus of its own per run (docs/alerts.md); the package's own service is not
# wanted: it is kept from starting while the package installs, and stopped if it started anyway.
set -euo pipefail
if dpkg -s prometheus >/dev/null 2>&1 && [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ]; then
  echo "install-prometheus: prometheus already installed ($(dpkg-query -W -f '${Version}' prometheus))"
else
  . "$(dirname "$0")/apt.sh"
  # policy-rc.d exit 101: "action forbidden", so invoke-rc.d in the postinst starts no daemon
  policy=/usr/sbin/policy-rc.d
  had_policy=0
  if [ -e "$policy" ]; then
    had_policy=1
  else
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
  fi
  trap '[ "$had_policy" = 1 ] || $SUDO rm -f "$policy"' EXIT
  # no Recommends (apt_install): the node exporter would be one more daemon nobody asked for
  apt_install prometheus
  echo "install-prometheus: installed prometheus $(dpkg-query -W -f '${Version}' prometheus)"
fi
# Whatever the machine did (an init system present, an older install), leave no package daemon
# running: it would hold port 9090 and scrape nothing of ours. Only the package's own daemon (run
# as the prometheus user from /usr/bin/prometheus) is stopped, never a Prometheus chaos started.
for pid in $(pgrep -u prometheus -x prometheus 2>/dev/null || true); do
  echo "install-prometheus: stopping the package's prometheus daemon (pid $pid)"
  kill "$pid" 2>/dev/null || true
done
if command -v update-rc.d >/dev/null 2>&1 && [ -e /etc/init.d/prometheus ]; then
  update-rc.d prometheus disable >/dev/null 2>&1 || true
fi
/usr/bin/prometheus --version 2>&1 | head -n 1
/usr/bin/promtool --version 2>&1 | head -n 1
