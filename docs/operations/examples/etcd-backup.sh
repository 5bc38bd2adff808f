#!/bin/sh
# Backup: an etcd snapshot of one member ($CHAOS_NODE), taken while clients write. A linearizable
# read comes first, so the member has applied every write acknowledged before the step began and the
# snapshot holds them all. The snapshot goes to $CHAOS_RUN_DIR/backup/snapshot.db.
# etcdctl runs in a throwaway container in the member's network namespace; the image needs etcdctl
# (chaos/etcd has it; CHAOS_ETCD_TOOLS_IMAGE names another).
set -eu
node=$CHAOS_NODE
eval "container=\${CHAOS_NODE_${node}_CONTAINER}"
tools=${CHAOS_ETCD_TOOLS_IMAGE:-chaos/etcd:0.1.0}
out=$CHAOS_RUN_DIR/backup
mkdir -p "$out"
docker run --rm --label "dev.chaos.run=${container#chaos-}" --network "container:$container" -e ETCDCTL_API=3 \
  --entrypoint sh "$tools" -c '
    set -e
    etcdctl --endpoints=http://127.0.0.1:2379 get --consistency=l backup-barrier >/dev/null
    etcdctl --endpoints=http://127.0.0.1:2379 snapshot save /tmp/snapshot.db >&2
    cat /tmp/snapshot.db' > "$out/snapshot.db"
echo "backup of $node: $(wc -c < "$out/snapshot.db") bytes in $out/snapshot.db"
