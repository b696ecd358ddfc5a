#!/usr/bin/env bash
# The run command: installs what is missing, builds, and opens Casustafel on the demo profile.
#   ./scripts/run.sh              the demo profile (fictional data, passphrase below)
#   ./scripts/run.sh --profile    your own profile instead of the demo
set -euo pipefail
source "$(dirname "$0")/lib.sh"

./scripts/setup.sh
build_app
ensure_display
trap stop_display EXIT

export WEBKIT_DISABLE_COMPOSITING_MODE=1
if [ "${1:-}" = "--profile" ]; then
  step "starting Casustafel on your own profile"
  "$APP_BIN"
else
  step "starting Casustafel on the demo profile"
  echo "Demo passphrase: demo-zonnedijk-2026"
  if [ -n "$XVFB_PID" ]; then
    echo "The window runs on the virtual display ${DISPLAY}. Screenshot: DISPLAY=${DISPLAY} import -window root shot.png"
  fi
  "$APP_BIN" --demo
fi
