#!/usr/bin/env bash
# Installs a real VS Code (code-server, the VS Code server + web workbench) and the system
# packages the end-to-end tests need (headless Chromium, ripgrep, Kerberos headers).
#
# Idempotent and cached: everything goes into .cache/vscode/ and a marker file records a
# complete install, so a second run returns in well under a second. Works on a fresh machine
# (CI runs it from a clean clone, as root). See ../shared/docs/real-vscode-tests.md.
#
# Usage: bash scripts/setup-vscode.sh [--force]
set -euo pipefail

CODE_SERVER_VERSION="4.100.3" # newest release whose engines.node is 20 (VS Code 1.100.3)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${POSTMORTEM_VSCODE_CACHE:-$ROOT/.cache/vscode}"
MARKER="$CACHE/.complete-$CODE_SERVER_VERSION"
CS_DIR="$CACHE/node_modules/code-server"
VSC_DIR="$CS_DIR/lib/vscode"
# fonts-dejavu-core: without recommends, chromium brings no fonts; screenshots need one.
# neovim: test/editors runs the language server in Neovim's own LSP client (an editor other than VS Code).
APT_PACKAGES=(libkrb5-dev ripgrep chromium fonts-dejavu-core neovim)

START=$(date +%s)
step_start=$START
log() { printf '[setup-vscode] %s\n' "$*"; }
step() {
  local now; now=$(date +%s)
  log "$1 ($((now - step_start)) s)"
  step_start=$now
}
fail() { printf '[setup-vscode] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" == "--force" ]]; then rm -f "$MARKER"; fi

# --- 1. system packages (checked every run: a cached .cache/ may outlive the machine's packages) ---
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg -s "$p" >/dev/null 2>&1 || ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [[ "$(id -u)" != "0" ]] && ! command -v sudo >/dev/null 2>&1; then
    fail "missing system packages: ${missing[*]}. Install them as root with:  $cmd"
  fi
  SUDO=""
  [[ "$(id -u)" != "0" ]] && SUDO="sudo"
  log "installing system packages: ${missing[*]}"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"${TMPDIR:-/tmp}/setup-vscode-apt.log" 2>&1; then
    tail -n 30 "${TMPDIR:-/tmp}/setup-vscode-apt.log" >&2
    fail "could not install ${missing[*]}. Run as root:  $cmd"
  fi
  step "system packages installed"
fi
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium not found after installing the 'chromium' package"
command -v rg >/dev/null 2>&1 || fail "ripgrep (rg) not found after installing the 'ripgrep' package"

# --- 2. code-server, cached ---
check_native() {
  local ok=0 f
  for f in \
    "$VSC_DIR/node_modules/@vscode/spdlog/build/Release/spdlog.node" \
    "$VSC_DIR/node_modules/native-watchdog/build/Release/watchdog.node" \
    "$VSC_DIR/node_modules/node-pty/build/Release/pty.node" \
    "$VSC_DIR/node_modules/kerberos/build/Release/kerberos.node" \
    "$VSC_DIR/node_modules/@vscode/ripgrep/bin/rg"; do
    if [[ ! -e "$f" ]]; then
      printf '[setup-vscode]   missing: %s\n' "${f#"$CACHE"/}" >&2
      ok=1
    fi
  done
  # argon2 puts its binary under lib/binding/napi-vN/: load it rather than guess the folder.
  if ! node -e "require(process.argv[1])" "$CACHE/node_modules/argon2" >/dev/null 2>&1; then
    printf '[setup-vscode]   argon2 does not load (native binding missing)\n' >&2
    ok=1
  fi
  return $ok
}

if [[ -f "$MARKER" ]] && check_native 2>/dev/null; then
  log "code-server $CODE_SERVER_VERSION already installed in ${CACHE#"$ROOT"/} (cached; $(($(date +%s) - START)) s)"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into ${CACHE#"$ROOT"/} (takes 1-3 minutes)"
rm -rf "$CACHE"
mkdir -p "$CACHE"
cd "$CACHE"
# Its own package.json, so nothing here touches the project's node_modules or lockfile.
cat >package.json <<'EOF'
{ "name": "postmortem-vscode-cache", "private": true, "version": "0.0.0" }
EOF
# npm_config_unsafe_perm is not needed: with --ignore-scripts, code-server's postinstall (which
# refuses to run as root) never runs; the steps it would do are done below.
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
NPMLOG="$CACHE/npm.log"
run_npm() {
  if ! npm "$@" >>"$NPMLOG" 2>&1; then
    tail -n 40 "$NPMLOG" >&2
    fail "npm $* failed (full log: $NPMLOG)"
  fi
}

run_npm install "code-server@$CODE_SERVER_VERSION" --ignore-scripts --no-save --no-package-lock
step "code-server package downloaded"

# argon2 is loaded by code-server's CLI even with --auth none; there is no prebuilt binary here.
run_npm rebuild argon2 --build-from-source
step "argon2 built"

cd "$VSC_DIR"
run_npm install --omit=dev --ignore-scripts --no-package-lock
step "VS Code server dependencies installed"

# @vscode/ripgrep's postinstall downloads a binary (no network here); it skips when bin/ exists.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

# node-pty's post-install can exit non-zero after pty.node is built: check the files, not the code.
npm rebuild @vscode/spdlog native-watchdog node-pty kerberos >>"$NPMLOG" 2>&1 || log "npm rebuild exited non-zero; checking the native modules themselves"
ln -sfn node_modules node_modules.asar
step "native modules rebuilt"

if ! check_native; then
  tail -n 40 "$NPMLOG" >&2
  fail "native modules are missing after the build (full log: $NPMLOG)"
fi
[[ -f "$CS_DIR/out/node/entry.js" ]] || fail "code-server entry point out/node/entry.js is missing"

touch "$MARKER"
log "done: code-server $CODE_SERVER_VERSION ready in $(($(date +%s) - START)) s"
