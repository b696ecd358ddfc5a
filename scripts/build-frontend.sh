#!/usr/bin/env bash
# Builds the Yew UI to wasm and lays out frontend/dist, which the Tauri shell embeds at compile time.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CARGO_TARGET_DIR:=$PWD/target}"
export CARGO_TARGET_DIR

cargo build -p casustafel-ui --target wasm32-unknown-unknown --release
dist=frontend/dist
tmp=$(mktemp -d "${TMPDIR:-/tmp}/casustafel-dist.XXXXXX")
wasm-bindgen --target web --no-typescript --out-dir "$tmp" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/casustafel-ui.wasm"
cp frontend/static/* "$tmp/"
# Replace dist only when the new one is complete, and only touch it when something changed,
# so the shell is not rebuilt for nothing.
if ! diff -rq "$tmp" "$dist" >/dev/null 2>&1; then
  rm -rf "$dist"
  mkdir -p "$(dirname "$dist")"
  mv "$tmp" "$dist"
else
  rm -rf "$tmp"
fi
echo "frontend built: $(du -sh "$dist" | cut -f1) in $dist"
