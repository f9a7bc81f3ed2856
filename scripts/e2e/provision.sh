#!/usr/bin/env bash
# Installs, once, what the editor tests need: Debian packages (apt-get, as root), and code-server plus
# playwright-core into a cache folder ($ZEROPS_E2E_CACHE, default ~/.cache/zerops-e2e). Every step is
# skipped when its result is already there, so a warm machine pays nothing. The recipe and its four
# traps (root, kerberos headers, ripgrep download, npx prompt) are in ../shared/real-clients.md.
set -euo pipefail

CACHE="${ZEROPS_E2E_CACHE:-$HOME/.cache/zerops-e2e}"
CODE_SERVER_VERSION=4.100.3   # the last release that runs on Node 20 (VS Code 1.100.3)
PLAYWRIGHT_VERSION=1.65.1     # driven against Debian's chromium; it downloads no browser itself
# emacs-nox, elpa-eglot and elpa-yaml-mode: test/editors.test.ts runs the eglot setup of docs/editors.md for real.
# pre-commit: npm run test:hooks runs `pre-commit try-repo` on the hook of .pre-commit-hooks.yaml.
APT_PACKAGES=(build-essential python3 libkrb5-dev ripgrep chromium neovim emacs-nox elpa-eglot elpa-yaml-mode pre-commit)

log() { printf '[provision] %s\n' "$*"; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages: ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null   # with recommends: fonts for the screenshots
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

CS="$CACHE/cs"
have_version() { [[ -f "$CS/node_modules/$1/package.json" ]] && [[ $(node -p "require('$CS/node_modules/$1/package.json').version") == "$2" ]]; }
if have_version code-server "$CODE_SERVER_VERSION" && have_version playwright-core "$PLAYWRIGHT_VERSION" \
   && [[ -x "$CS/node_modules/.bin/code-server" ]]; then
  log "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION present in $CS"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION into $CS"
# @vscode/ripgrep's postinstall would download rg from GitHub; it takes a cached tarball from $TMPDIR
# first, so hand it Debian's rg (13.0.0, the version it wants) under the name it looks for.
RG_CACHE="$CACHE/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$CS" "$RG_CACHE" "$CACHE/rgtar"
cp "$(command -v rg)" "$CACHE/rgtar/rg"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$CACHE/rgtar" rg
cat >"$CS/package.json" <<JSON
{ "private": true, "dependencies": { "code-server": "$CODE_SERVER_VERSION", "playwright-core": "$PLAYWRIGHT_VERSION" } }
JSON
# --unsafe-perm: code-server's postinstall refuses root otherwise; npm_config_yes: node-pty's postinstall
# runs npx, which would wait for a prompt nobody answers. The npm cache lives in the cache folder too.
( cd "$CS" && TMPDIR="$CACHE/tmp" npm_config_yes=true npm_config_cache="$CACHE/npm" \
    XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data" \
    npm install --unsafe-perm --no-audit --no-fund --loglevel=error )
have_version code-server "$CODE_SERVER_VERSION" && have_version playwright-core "$PLAYWRIGHT_VERSION" || {
  log "install finished but the versions are not there" >&2; exit 1; }
log "done"
