#!/usr/bin/env bash
# Prepares Docker for chaos' docker backend, idempotently: the engine, the debian:bookworm-slim base
# (made offline with debootstrap when it cannot be pulled) and the project's images. Re-running it
# when everything exists takes seconds. Needs root for the install and dockerd steps only.
#   docker/bootstrap.sh            everything
#   docker/bootstrap.sh --engine   only the engine (install + start)
# Environment: CHAOS_DEBIAN_MIRROR (default http://deb.debian.org/debian), JAVA_HOME (a JDK >= 21).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MIRROR=${CHAOS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
VERSION=0.1.0
log() { echo "bootstrap: $*"; }
export DOCKER_BUILDKIT=0   # the classic builder: Debian's docker.io has no buildx; this also silences its notice

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

engine() {
  if docker info >/dev/null 2>&1; then
    log "docker engine answers ($(docker version -f '{{.Server.Version}}'))"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    apt_install docker.io iproute2 iptables
  fi
  # A machine that was stopped with dockerd running keeps its pid files; dockerd refuses to start
  # over a pid file whose process is gone.
  for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    # (the pid may have been reused by an unrelated process since: compare the command name)
    if [ -f "$pidfile" ] && ! ps -p "$(cat "$pidfile" 2>/dev/null)" -o comm= 2>/dev/null | grep -qE '^(dockerd|containerd)$'; then
      log "removing stale $pidfile"
      as_root rm -f "$pidfile"
    fi
  done
  log "starting dockerd (log: /var/log/chaos-dockerd.log)"
  as_root sh -c 'nohup setsid dockerd >/var/log/chaos-dockerd.log 2>&1 </dev/null &'
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { log "docker engine up ($(docker version -f '{{.Server.Version}}'))"; return 0; }
    sleep 1
  done
  echo "bootstrap: dockerd did not answer within 60 s; see /var/log/chaos-dockerd.log" >&2
  tail -n 20 /var/log/chaos-dockerd.log >&2 || true
  exit 1
}

base_image() {
  if docker image inspect debian:bookworm-slim >/dev/null 2>&1; then
    return 0
  fi
  if timeout 20 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then
    log "pulled debian:bookworm-slim"
    return 0
  fi
  apt_install debootstrap
  local dir
  dir=$(mktemp -d /tmp/chaos-rootfs.XXXXXX)
  log "no registry: building debian:bookworm-slim with debootstrap from $MIRROR"
  as_root debootstrap --variant=minbase bookworm "$dir" "$MIRROR" >/tmp/chaos-debootstrap.log 2>&1 || {
    tail -n 20 /tmp/chaos-debootstrap.log >&2; exit 1; }
  as_root rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  as_root tar -C "$dir" -c . | docker import -c 'CMD ["bash"]' - debian:bookworm-slim >/dev/null
  as_root rm -rf "$dir"
  log "imported debian:bookworm-slim"
}

# build IMAGE CONTEXT [extra inputs to hash...]: skipped when the image carries the hash of its inputs.
build() {
  local image=$1 context=$2; shift 2
  local hash
  hash=$( (cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum; for f in "$@"; do echo "$f"; done) | sha256sum | cut -c1-16)
  local have
  have=$(docker image inspect -f '{{index .Config.Labels "dev.chaos.inputs"}}' "$image" 2>/dev/null || true)
  if [ "$have" = "$hash" ]; then
    log "$image is up to date"
    return 0
  fi
  log "building $image"
  local t0=$SECONDS
  docker build -q --label "dev.chaos.inputs=$hash" -t "$image" "$context" >/dev/null
  log "built $image in $((SECONDS - t0)) s"
}

java_images() {
  . "$ROOT/.mvn/find-jdk.sh"
  chaos_find_jdk || { echo "bootstrap: a JDK >= 21 is needed for the proxy and ZooKeeper images" >&2; exit 1; }
  local jar="$ROOT/chaos-cli/target/chaos-cli.jar" lib="$ROOT/chaos-cli/target/lib"
  if [ ! -f "$jar" ] || [ ! -d "$lib" ] || [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/target' -prune \
        -o \( -name '*.java' -o -name pom.xml \) -newer "$jar" -print 2>/dev/null | head -n 1)" ]; then
    log "building the chaos jars (./mvnw -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl chaos-cli -am package)
  fi
  local ctx
  ctx=$(mktemp -d /tmp/chaos-image.XXXXXX)
  trap 'rm -rf "$ctx"' RETURN
  # the runtime: a jlink'd JRE of the JDK that builds the project, on the Debian base
  mkdir -p "$ctx/jre"
  cp "$ROOT/docker/jre/Dockerfile" "$ctx/jre/"
  local jdk_id
  jdk_id=$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)
  if [ "$(docker image inspect -f '{{index .Config.Labels "dev.chaos.jdk"}}' chaos/jre:$VERSION 2>/dev/null || true)" != "$jdk_id" ] \
      || ! docker image inspect chaos/jre:$VERSION >/dev/null 2>&1; then
    log "jlink a runtime from $JAVA_HOME"
    "$JAVA_HOME/bin/jlink" --output "$ctx/jre/runtime" --strip-debug --no-header-files --no-man-pages \
      --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,java.desktop,jdk.httpserver,jdk.management,jdk.unsupported,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs
    local t0=$SECONDS
    docker build -q --label "dev.chaos.jdk=$jdk_id" -t chaos/jre:$VERSION "$ctx/jre" >/dev/null
    log "built chaos/jre:$VERSION in $((SECONDS - t0)) s"
  else
    log "chaos/jre:$VERSION is up to date"
  fi
  for image in proxy zookeeper; do
    rm -rf "$ctx/$image"; mkdir -p "$ctx/$image/lib"
    cp "$ROOT/docker/$image/Dockerfile" "$ctx/$image/"
    cp "$jar" "$lib"/*.jar "$ctx/$image/lib/"
    build "chaos/$image:$VERSION" "$ctx/$image" "$jdk_id"
  done
}

engine
[ "${1:-}" = "--engine" ] && exit 0
base_image
build chaos/etcd:$VERSION "$ROOT/docker/etcd"
build chaos/redis:$VERSION "$ROOT/docker/redis"
build chaos/postgres:$VERSION "$ROOT/docker/postgres"
java_images
log "ready: $(docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^(chaos/|debian:)' | sort | tr '\n' ' ')"
