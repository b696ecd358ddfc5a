#!/usr/bin/env bash
# The test command: installs what is missing, then formatting, lints, every unit and integration
# test, and the end-to-end tests of the real app window (Xvfb + tauri-driver + WebKitWebDriver).
# Screenshots of the end-to-end run: target/e2e-screenshots/ (or $CASUSTAFEL_SCREENSHOT_DIR).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

./scripts/setup.sh

step "formatting"
cargo fmt --all -- --check

build_app

step "lints (host, then the UI for wasm)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p casustafel-ui --target wasm32-unknown-unknown -- -D warnings
step "the pure crates do no IO (no clock, files, sockets, processes, environment)"
CLIPPY_CONF_DIR=scripts/pure cargo clippy -p casustafel-domain -p casustafel-docs -p casustafel-sync \
  -p casustafel-report -p casustafel-api -- -D warnings

step "unit, property and integration tests"
cargo test --workspace

step "end-to-end tests of the real window"
ensure_display
trap stop_display EXIT
: "${CASUSTAFEL_SCREENSHOT_DIR:=$PWD/target/e2e-screenshots}"
export CASUSTAFEL_SCREENSHOT_DIR CASUSTAFEL_APP="$APP_BIN"
cargo test -p casustafel-tests --test e2e --test e2e_meeting --test e2e_sync -- --ignored --test-threads=1
echo "screenshots: $CASUSTAFEL_SCREENSHOT_DIR"
