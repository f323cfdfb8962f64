#!/usr/bin/env bash
# Runs every test suite, prints each one's summary, and fails if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

suites=(lint test-rust test-wasm test-e2e)
declare -A status
declare -A summary
for suite in "${suites[@]}"; do
  printf '\n===== %s =====\n' "$suite"
  log=$(mktemp)
  start=$(date +%s)
  make --no-print-directory "$suite" 2>&1 | tee "$log"
  status[$suite]=${PIPESTATUS[0]}
  secs=$(( $(date +%s) - start ))
  case "$suite" in
    test-rust|test-wasm)
      passed=$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | awk '{p+=$4; f+=$6} END {printf "%d passed, %d failed", p, f}') ;;
    lint)
      passed=$(grep -c '^lint ok:' "$log" | awk '{printf "%d passed, %d failed", $1, 2-$1}') ;;
    test-e2e)
      passed=$(grep -E '^# (pass|fail) ' "$log" | tr '\n' ' ' | sed 's/# //g') ;;
  esac
  summary[$suite]="${passed:-no summary} in ${secs}s"
  rm -f "$log"
done

printf '\n===== summary =====\n'
failed=0
for suite in "${suites[@]}"; do
  if [ "${status[$suite]}" = 0 ]; then mark=ok; else mark=FAILED; failed=1; fi
  printf '%-10s %-7s %s\n' "$suite" "$mark" "${summary[$suite]}"
done
exit $failed
