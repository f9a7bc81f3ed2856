#!/usr/bin/env bash
# The "fresh clone passes" proof: clone HEAD into an empty temporary folder (nothing beside it, so no
# ../shared), then do what the README tells a newcomer: `npm ci`, run the CLI on the example, `npm test`.
# Fails unless every step passes and the suite reports 0 failed, 0 skipped, 0 cancelled, 0 todo.
# Not part of npm test (it runs npm test); .ci/run runs it last.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/zerops-fresh-clone-XXXXXX")"
trap 'rm -rf "$work"' EXIT
log() { printf '[fresh-clone] %s\n' "$*" >&2; }

git clone --quiet --no-local "$src" "$work/zerops-lsp"
cd "$work/zerops-lsp"
log "cloned $(git rev-parse --short HEAD) into $work/zerops-lsp; beside it: $(ls -A "$work" | tr '\n' ' ')"
[[ -e ../shared ]] && { log "../shared exists beside the clone: not a fresh clone"; exit 1; }

npm ci --no-audit --no-fund --loglevel=error
out="$(node dist/cli.js examples/import.yaml)"
printf '%s\n' "$out"
[[ "$out" == *"1 file checked, no problems"* ]] || { log "the CLI did not report the example clean"; exit 1; }

# npm test's own output goes to a file for the counts; the TAP summary lines say them.
set +e
npm test >"$work/test.log" 2>&1
status=$?
set -e
tail -n 12 "$work/test.log"
count() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$work/test.log" | tail -n 1; }
pass=$(count pass); fail=$(count fail); skipped=$(count skipped); cancelled=$(count cancelled); todo=$(count todo)
log "npm test: exit $status, $pass passed, $fail failed, $skipped skipped, $cancelled cancelled, $todo todo"
if [[ $status -ne 0 || -z "$pass" || "$pass" -eq 0 || "$fail" != 0 || "$skipped" != 0 || "$cancelled" != 0 || "$todo" != 0 ]]; then
  grep -E '^\s*not ok|# SKIP' "$work/test.log" | head -n 40 >&2 || true
  log 'FAILED: a fresh clone does not pass its own tests cleanly'
  exit 1
fi
log 'a fresh clone passes: npm ci, the CLI on the example, npm test with 0 failed and 0 skipped'
# The plain closing line CI logs are read by: the counts of the fresh clone's npm test.
echo "fresh-clone: $pass passed, $fail failed, $skipped skipped"
