#!/bin/sh
# Did the restore keep every acknowledged write? Compares what the restored cluster holds
# (RESTORED: "key element" lines) with the history, around the backup step (the first step whose
# command contains MATCH, default "backup"):
#   - an add acknowledged before the backup step began must be restored (else: LOST);
#   - an add invoked after the backup step ended cannot be in the snapshot (else: UNEXPECTED), nor
#     can an element nobody added;
#   - an add in flight during the step (or of unknown outcome) may be either: counted, not judged.
# Exit 0 when nothing is lost or unexpected, 1 otherwise.
# Usage: check-restore.sh [HISTORY [RESTORED [MATCH]]] (defaults: the run's, when run as a step)
set -eu
history=${1:-$CHAOS_RUN_DIR/history.jsonl}
restored=${2:-$CHAOS_RUN_DIR/backup/restored.txt}
match=${3:-backup}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
window=$(jq -r --arg m "$match" 'select(.process == "nemesis" and .f == "begin-step" and ((.value.command // "") | contains($m))) | .time' "$history" | head -1)
[ -n "$window" ] || { echo "no step running '$match' in $history" >&2; exit 1; }
end=$(jq -r --arg m "$match" --argjson b "$window" 'select(.process == "nemesis" and .f == "end-step" and .time > $b and ((.value.command // "") | contains($m))) | .time' "$history" | head -1)
[ -n "$end" ] || { echo "the step running '$match' has not ended in $history" >&2; exit 1; }
adds='select((.process | type) == "number" and .f == "add")'
jq -r --argjson b "$window" "$adds | select(.type == \"ok\" and .time < \$b) | \"\(.key) \(.value)\"" "$history" | sort -u > "$tmp/before"
jq -r --argjson e "$end" "$adds | select(.type == \"invoke\" and .time > \$e) | \"\(.key) \(.value)\"" "$history" | sort -u > "$tmp/after"
jq -r "$adds | select(.type == \"invoke\") | \"\(.key) \(.value)\"" "$history" | sort -u > "$tmp/all"
sort -u "$restored" > "$tmp/restored"
comm -23 "$tmp/before" "$tmp/restored" > "$tmp/lost"
comm -12 "$tmp/after" "$tmp/restored" > "$tmp/late"
comm -23 "$tmp/restored" "$tmp/all" > "$tmp/unknown"
comm -23 "$tmp/all" "$tmp/before" | comm -23 - "$tmp/after" > "$tmp/during"
echo "backup step from $((window / 1000000)) ms to $((end / 1000000)) ms; restored $(wc -l < "$tmp/restored") elements"
echo "acknowledged before the backup: $(wc -l < "$tmp/before"), restored $(($(wc -l < "$tmp/before") - $(wc -l < "$tmp/lost"))), lost $(wc -l < "$tmp/lost")"
echo "invoked after the backup: $(wc -l < "$tmp/after"), restored (unexpected) $(wc -l < "$tmp/late")"
echo "in flight during the backup: $(wc -l < "$tmp/during"), restored $(comm -12 "$tmp/during" "$tmp/restored" | wc -l)"
echo "never added, yet restored: $(wc -l < "$tmp/unknown")"
if [ -s "$tmp/lost" ] || [ -s "$tmp/late" ] || [ -s "$tmp/unknown" ]; then
  for f in lost late unknown; do
    if [ -s "$tmp/$f" ]; then echo "$f, first 5 of $(wc -l < "$tmp/$f"):"; head -5 "$tmp/$f" | sed 's/^/  /'; fi
  done
  echo "restore check FAILED: the restored cluster is not the history's state at the backup"
  exit 1
fi
echo "restore check: every acknowledged write before the backup is in the restored cluster"
