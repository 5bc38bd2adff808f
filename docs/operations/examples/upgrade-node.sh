#!/bin/sh
# One node's upgrade, run by the rolling-upgrade procedure while the node is stopped.
# chaos passes the node as CHAOS_NODE and everything about it as CHAOS_NODE_<node>_<KEY>.
# Replace the body with your own (install a package, swap a binary, change a config file).
set -eu
node=$CHAOS_NODE
eval "data=\${CHAOS_NODE_${node}_DATA:-}"
eval "container=\${CHAOS_NODE_${node}_CONTAINER:-}"
echo "upgrading $node ($CHAOS_TARGET on $CHAOS_BACKEND) of run $CHAOS_RUN_DIR"
case $CHAOS_BACKEND in
  local) date -u +%Y-%m-%dT%H:%M:%SZ > "$data/../upgraded-at"; echo "marked $data/../upgraded-at" ;;
  docker) echo "container $container: here you would 'docker cp' a new binary in, or recreate it from a new image" ;;
esac
