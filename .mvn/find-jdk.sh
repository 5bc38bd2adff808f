# Sourced (POSIX sh) by ./mvnw and ./chaos: make JAVA_HOME point at a JDK >= 21.
# Order: the caller's JAVA_HOME if it is new enough, then the newest JDK >= 21 under /usr/lib/jvm.
# The machine's default `java` is never assumed: on Debian bookworm it is 17.

chaos_jdk_major() {
  # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

chaos_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(chaos_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then CHAOS_JDK_MAJOR=$v; return 0; fi
  fi
  best=""; best_v=0
  # find, not a glob: mvnw runs with `set -f`
  for d in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort); do
    v=$(chaos_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "chaos: no JDK >= 21 found (JAVA_HOME='${JAVA_HOME-}', nothing suitable in /usr/lib/jvm)." >&2
    echo "chaos: install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+) or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME="$best"
  CHAOS_JDK_MAJOR=$best_v
  export JAVA_HOME
}
