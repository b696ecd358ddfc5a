#!/usr/bin/env bash
# Installs what building, running and testing Casustafel needs, and nothing that is already there.
# Safe to run again: every step checks first. Needs root (or sudo) for the Debian packages.
set -euo pipefail

WASM_BINDGEN_VERSION="0.2.130"
TAURI_DRIVER_VERSION="2.1.0"

APT_PACKAGES=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libsoup-3.0-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  xvfb xauth webkit2gtk-driver imagemagick poppler-utils fonts-dejavu-core fonts-noto-color-emoji procps
)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
  rustup component list --installed | grep -q "^${comp}" || rustup component add "$comp"
done

# Cargo tools, installed only when that exact version is not already installed.
has_cargo_tool() { # name version binary
  command -v "$3" >/dev/null 2>&1 && cargo install --list | grep -q "^$1 v$2:"
}
# wasm-bindgen-cli must not use --locked: one of its pinned transitive versions is not in the registry.
if ! has_cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! has_cargo_tool tauri-driver "$TAURI_DRIVER_VERSION" tauri-driver; then
  log "installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --force
fi
log "tools ready"
