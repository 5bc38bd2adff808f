# Sourced by the .ci/install-*.sh scripts: SUDO (empty as root, else sudo) and apt_install PACKAGE...,
# which installs Debian packages without Recommends, quietly.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

apt_install() {
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
