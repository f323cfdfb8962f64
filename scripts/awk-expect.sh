#!/usr/bin/env bash
# Regenerates tests/awk/*.mawk, *.gawk and *.busybox: what mawk (Debian's
# awk), gawk and BusyBox awk print for each tests/awk/*.sh case, run by dash
# (BusyBox's sh for BusyBox) with `awk` on PATH naming that program.
# tests/awk.rs checks the simulated awk against these files. Never edit the
# expectations by hand.
set -euo pipefail
cd "$(dirname "$0")/../tests/awk"
for p in dash mawk gawk busybox; do command -v $p >/dev/null || { echo "needs $p" >&2; exit 1; }; done
record() { # record CMD... > file
  local out err status
  out=$(mktemp); err=$(mktemp)
  set +e; "$@" >"$out" 2>"$err"; status=$?; set -e
  printf 'status: %s\n--- stdout\n' "$status"; cat "$out"; printf -- '--- stderr\n'; cat "$err"
  rm -f "$out" "$err"
}
bb=$(mktemp -d); busybox --install -s "$bb"
mawkbin=$(mktemp -d); ln -s "$(command -v mawk)" "$mawkbin/awk"
gawkbin=$(mktemp -d); ln -s "$(command -v gawk)" "$gawkbin/awk"
only=${1:-}
for case in *.sh; do
  name=${case%.sh}
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  script=$(cat "$case")
  for flavour in mawk gawk; do
    bin=$mawkbin; [ $flavour = gawk ] && bin=$gawkbin
    work=$(mktemp -d)
    (cd "$work" && record env -i HOME=/root LC_ALL=C TZ=UTC PATH="$bin:/usr/bin:/bin" dash -c "$script" /bin/sh) > "$name.$flavour"
    rm -rf "$work"
  done
  work=$(mktemp -d)
  # Debian's busybox is built with line numbers in shell messages; Alpine's is not.
  (cd "$work" && record env -i HOME=/root TZ=UTC PATH="$bb" "$bb/sh" -c "$script" /bin/sh) | sed -E 's/^\/bin\/sh: line [0-9]+: /\/bin\/sh: /' > "$name.busybox"
  rm -rf "$work"
done
rm -rf "$bb" "$mawkbin" "$gawkbin"
echo "recorded $(ls *.sh | wc -l) cases"
