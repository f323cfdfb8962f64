#!/usr/bin/env bash
# Regenerates tests/python/*.out: what the real python3 prints for each
# tests/python/*.py (run as /work/NAME.py from /work, stdin from NAME.stdin
# when present). src/apps/py_tests.rs checks the simulated Python against
# these files. Lines made only of carets (3.11+'s error locations, which the
# simulator does not draw) are dropped. Never edit the expectations by hand.
set -euo pipefail
cd "$(dirname "$0")/../tests/python"
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }
only=${1:-}
for case in *.py; do
  name=${case%.py}
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  work=$(mktemp -d)
  cp "$case" "$work/"
  in=/dev/null; [ -f "$name.stdin" ] && in="$PWD/$name.stdin"
  out=$(mktemp); err=$(mktemp)
  set +e; (cd "$work" && env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 python3 "$work/$case" <"$in" >"$out" 2>"$err"); status=$?; set -e
  { printf 'status: %s\n--- stdout\n' "$status"; cat "$out"; printf -- '--- stderr\n'; sed -e "s#$work#/work#g" "$err" | grep -vE '^ *[\^~]+ *$' || true; } > "$name.out"
  rm -rf "$work" "$out" "$err"
done
echo "recorded $(ls *.py | wc -l) cases"
