#!/usr/bin/env bash
# Regenerates tests/bash/*.bash: what the real bash (with GNU coreutils)
# prints for each tests/bash/*.sh case, run as `bash -c SCRIPT` in an empty
# directory. The simulated shell is checked against these files by
# tests/bash.rs (flavour Bash on the catalog's debian:bookworm filesystem).
set -euo pipefail
cd "$(dirname "$0")/../tests/bash"
command -v bash >/dev/null || { echo "needs bash" >&2; exit 1; }
record() { # record CMD... > file
  local out err status
  out=$(mktemp); err=$(mktemp)
  set +e; "$@" >"$out" 2>"$err"; status=$?; set -e
  printf 'status: %s\n--- stdout\n' "$status"; cat "$out"; printf -- '--- stderr\n'; cat "$err"
  rm -f "$out" "$err"
}
for case in *.sh; do
  name=${case%.sh}; script=$(cat "$case")
  work=$(mktemp -d)
  (cd "$work" && record env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -c "$script") > "$name.bash"
  rm -rf "$work"
done
echo "regenerated $(ls *.sh | wc -l) cases"
