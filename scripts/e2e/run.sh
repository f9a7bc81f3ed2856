#!/usr/bin/env bash
# npm run test:e2e: provision the editors (once), build and package, then prove the product in Neovim,
# in VS Code (code-server + Chromium; the same packaged extension also in code-server's browser extension
# host), and the web worker alone in Chromium (the vscode.dev/github.dev build). Every suite runs even if
# another fails; the exit status is non-zero if any failed. Timings per step are printed for the CI log.
set -uo pipefail
cd "$(dirname "$0")/../.."

step() { # name, command…
  local name=$1; shift
  local t=$SECONDS
  "$@"; local rc=$?
  printf '[e2e] %-10s %s in %d s\n' "$name" "$([[ $rc == 0 ]] && echo ok || echo "FAILED ($rc)")" $((SECONDS - t)) >&2
  return $rc
}

step provision scripts/e2e/provision.sh || exit 1
step package npm run --silent package >/dev/null || exit 1
step suite npx esbuild test/e2e/vscode/suite.ts test/e2e/vscode/redhat-suite.ts --bundle --platform=node --target=node20 --format=cjs \
  --external:vscode --outdir=out/e2e/vscode --log-level=warning || exit 1

failed=()
step configs bash -c 'node scripts/build.mjs --tests && node --test out/editors/' || failed+=(editor-configs)
step neovim node scripts/e2e/nvim.mjs || failed+=(neovim)
step vscode node scripts/e2e/vscode.mjs || failed+=(vscode)
step vscode-web node scripts/e2e/vscode-web.mjs || failed+=(vscode-web)
step web node scripts/e2e/web.mjs || failed+=(web)
step project node scripts/e2e/vscode-project.mjs || failed+=(vscode-project)
if ((${#failed[@]})); then echo "[e2e] FAILED: ${failed[*]}" >&2; exit 1; fi
echo '[e2e] all editor suites passed'
