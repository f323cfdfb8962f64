#!/usr/bin/env bash
# Regenerates tests/text/*.dash and *.ash: what dash with GNU grep, sed and
# coreutils' expr, and BusyBox, print for each tests/text/*.sh case.
# tests/text.rs checks the simulated text tools against these files. Never
# edit the expectations by hand.
#
# The BusyBox here is Debian's, linked with glibc; Alpine's (which the
# simulator imitates) uses musl, whose regerror texts differ. The .ash
# recordings map glibc's texts to musl's (the table below), nothing else.
set -euo pipefail
cd "$(dirname "$0")/../tests/text"
command -v dash >/dev/null && command -v busybox >/dev/null || { echo "needs dash and busybox" >&2; exit 1; }
bb=$(mktemp -d); busybox --install -s "$bb"
record() { # record CMD... > file
  local out err status
  out=$(mktemp); err=$(mktemp)
  set +e; timeout 10 "$@" >"$out" 2>"$err"; status=$?; set -e
  printf 'status: %s\n--- stdout\n' "$status"; cat "$out"; printf -- '--- stderr\n'; cat "$err"
  rm -f "$out" "$err"
}
musl() {
  sed -E -e 's/: line [0-9]+: /: /' \
    -e "s/: Unmatched \[, \[\^, \[:, \[\., or \[=\$/: Missing ']'/" \
    -e "s/: Unmatched \( or \\\\\(\$/: Missing ')'/" \
    -e "s/: Unmatched \) or \\\\\)\$/: Invalid regexp/" \
    -e "s/: Unmatched \\\\\{\$/: Missing '}'/" \
    -e "s/: Invalid content of \\\\\{\\\\\}\$/: Invalid contents of {}/" \
    -e "s/: Invalid range end\$/: Invalid character range/" \
    -e "s/: Invalid preceding regular expression\$/: Repetition not preceded by valid expression/" \
    -e "s/: Invalid character class name\$/: Unknown character class name/" \
    -e "s/: Invalid regular expression\$/: Invalid regexp/" \
    -e "s/: Regular expression too big\$/: Out of memory/"
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
  (cd "$work" && record env -i HOME=/root TZ=UTC PATH="$bb" "$bb/sh" -c "$script" /bin/sh) | musl > "$name.ash"
  rm -rf "$work"
done
rm -rf "$bb"
echo "recorded $(ls *.sh | wc -l) cases"
