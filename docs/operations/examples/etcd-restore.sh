#!/bin/sh
# Restore: $CHAOS_RUN_DIR/backup/snapshot.db into a fresh, single-member etcd cluster (etcdctl
# snapshot restore, then etcd on the restored data directory, in a container with no network), and
# list what it holds: every set element, one "key element" per line, into backup/restored.txt.
set -eu
out=$CHAOS_RUN_DIR/backup
tools=${CHAOS_ETCD_TOOLS_IMAGE:-chaos/etcd:0.1.0}
eval "first=\${CHAOS_NODE_n1_CONTAINER}"
run=${first#chaos-}; run=${run%-n1}
name=chaos-$run-restore
docker rm -f "$name" >/dev/null 2>&1 || true
docker create --name "$name" --label "dev.chaos.run=$run" --network none -e ETCDCTL_API=3 --entrypoint sh "$tools" -c '
    set -e
    etcdctl snapshot restore /snapshot.db --name restored --data-dir /restored \
      --initial-cluster restored=http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380
    exec etcd --name restored --data-dir /restored --listen-client-urls http://127.0.0.1:2379 \
      --advertise-client-urls http://127.0.0.1:2379 --listen-peer-urls http://127.0.0.1:2380' >/dev/null
trap 'docker logs "$name" > "$out/restore.log" 2>&1; docker rm -f "$name" >/dev/null' EXIT
docker cp "$out/snapshot.db" "$name:/snapshot.db"
docker start "$name" >/dev/null
i=0
until docker exec "$name" etcdctl --endpoints=http://127.0.0.1:2379 endpoint health >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 60 ] || { echo "the restored etcd did not become healthy" >&2; exit 1; }
  sleep 0.5
done
docker exec "$name" etcdctl --endpoints=http://127.0.0.1:2379 get s --prefix --keys-only \
  | sed -n 's|^\(s[0-9]*\)/e\([0-9]*\)$|\1 \2|p' | sort -u > "$out/restored.txt"
echo "restored into a fresh cluster: $(wc -l < "$out/restored.txt") elements in $out/restored.txt"
