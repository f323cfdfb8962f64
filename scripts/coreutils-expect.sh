#!/usr/bin/env bash
# Regenerates tests/coreutils/*.dash and *.ash: what dash with the GNU
# coreutils (and util-linux, findutils) and BusyBox print for each
# tests/coreutils/*.sh case. tests/coreutils.rs checks the simulated programs
# against these files. Never edit the expectations by hand.
set -euo pipefail
cd "$(dirname "$0")/../tests/coreutils"
command -v dash >/dev/null && command -v busybox >/dev/null || { echo "needs dash and busybox" >&2; exit 1; }
bb=$(mktemp -d); busybox --install -s "$bb"
record() { # record CMD... > file
  local out err status
  out=$(mktemp); err=$(mktemp)
  set +e; "$@" >"$out" 2>"$err"; status=$?; set -e
  printf 'status: %s\n--- stdout\n' "$status"; cat "$out"; printf -- '--- stderr\n'; cat "$err"
  rm -f "$out" "$err"
}
only=${1:-}
for case in *.sh; do
  name=${case%.sh}
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  script=$(cat "$case")
  work=$(mktemp -d)
  (cd "$work" && record env -i HOME=/root LC_ALL=C TZ=UTC PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin dash -c "$script" /bin/sh) > "$name.dash"
  rm -rf "$work"; work=$(mktemp -d)
  # Debian's busybox is built with line numbers in messages ("line 0: "); Alpine's,
  # which the simulator imitates, is not, so those words are dropped.
  (cd "$work" && record env -i HOME=/root TZ=UTC PATH="$bb" "$bb/sh" -c "$script" /bin/sh) | sed -E 's/: line [0-9]+: /: /' > "$name.ash"
  rm -rf "$work"
done
rm -rf "$bb"
echo "recorded $(ls *.sh | wc -l) cases"
