#!/usr/bin/env bash
# Regenerates tests/host/*.bash: what the real bash prints when each
# tests/host/*.sh case is typed line by line at an interactive prompt
# (bash -i reading the lines from a pipe, no rc files, no line editing).
# The host terminal is checked against these files by tests/host.rs.
set -euo pipefail
cd "$(dirname "$0")/../tests/host"
command -v bash >/dev/null || { echo "needs bash" >&2; exit 1; }
for case in *.sh; do
  name=${case%.sh}
  work=$(mktemp -d)
  out=$(mktemp); err=$(mktemp)
  set +e
  here=$PWD; (cd "$work" && env -i HOME="$work" PATH=/usr/local/bin:/usr/bin:/bin TERM=dumb PS1='' PS2='' \
    bash --norc --noprofile --noediting -i <"$here/$case" >"$out" 2>"$err")
  status=$?
  set -e
  {
    printf 'status: %s\n--- stdout\n' "$status"; cat "$out"
    printf -- '--- stderr\n'
    # Job-control notices of a prompt without a terminal, and the final `exit`.
    grep -v -e '^bash: cannot set terminal process group' -e '^bash: no job control in this shell' -e '^exit$' -e 'tcsetattr: Inappropriate ioctl' "$err" || true
  } > "$name.bash"
  rm -rf "$work" "$out" "$err"
done
echo "regenerated $(ls *.sh | wc -l) cases"
