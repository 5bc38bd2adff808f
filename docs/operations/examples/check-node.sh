#!/bin/bash
# After the upgrade: the node must answer and take part in the quorum (ZooKeeper's srvr command).
set -euo pipefail
node=$CHAOS_NODE
eval "address=\${CHAOS_NODE_${node}_ADDRESS}"
exec 3<>"/dev/tcp/${address%:*}/${address##*:}"
printf srvr >&3
mode=$(grep '^Mode:' <&3)
echo "$node: $mode"
case $mode in *leader*|*follower*) ;; *) exit 1 ;; esac
