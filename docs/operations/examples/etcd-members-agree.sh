#!/bin/sh
# Do the etcd members agree? Asks every member for its own status (/v3/maintenance/status, what
# `etcdctl endpoint status` shows) until all answer, all follow the same leader in the same raft
# term, and their raft indexes are within SPREAD (default 100) of each other; prints each member's
# view and how long it took. Exit 1 when they do not agree within WITHIN seconds (default 30).
# During a partition it shows the split (a member without a leader, or in another term); after the
# heal, that the cluster is one again.
set -eu
spread=${SPREAD:-100}
within=${WITHIN:-30}
start=$(date +%s%N)
while :; do
  views=""
  for n in $CHAOS_NODES; do
    eval "address=\${CHAOS_NODE_${n}_ADDRESS}"
    s=$(curl -s -m 2 -X POST "http://$address/v3/maintenance/status" -d '{}' || true)
    v=$(printf '%s' "$s" | jq -r '"\(.header.member_id // "-") \(.leader // "0") \(.raftTerm // "0") \(.raftIndex // "0")"' 2>/dev/null) || v="- 0 0 0"
    views="$views$n $v
"
  done
  # columns: node, own id, leader id, term, raft index; a leader id becomes the node it belongs to
  named=$(printf '%s' "$views" | awk '{id[$2] = $1; row[NR] = $0} END {for (i = 1; i <= NR; i++) {split(row[i], f, " ");
    l = f[3] == "0" ? "no leader" : (f[3] in id ? "leader " id[f[3]] : "leader " f[3]); print f[1] ": " l ", term " f[4] ", raft index " f[5]}}')
  leaders=$(printf '%s' "$views" | awk '{print $3 " " $4}' | sort -u | wc -l)
  none=$(printf '%s' "$views" | awk '$3 == "0"' | wc -l)
  gap=$(printf '%s' "$views" | awk 'NR == 1 {lo = hi = $5} {if ($5 < lo) lo = $5; if ($5 > hi) hi = $5} END {print hi - lo}')
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ "$leaders" -eq 1 ] && [ "$none" -eq 0 ] && [ "$gap" -le "$spread" ]; then
    echo "$named"
    echo "members agree after $elapsed ms: one leader, one term, raft index spread $gap"
    exit 0
  fi
  if [ "$elapsed" -gt $((within * 1000)) ]; then
    echo "$named"
    echo "members do NOT agree after $elapsed ms: $leaders leader/term views, $none without a leader, raft index spread $gap"
    exit 1
  fi
  sleep 0.5
done
