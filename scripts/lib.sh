# Shared by run.sh and test.sh. Sourced, not run.

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Build output lives outside the clone, so a fresh clone on the same machine reuses it.
: "${CARGO_TARGET_DIR:=${XDG_CACHE_HOME:-$HOME/.cache}/casustafel/target}"
export CARGO_TARGET_DIR

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

APP_BIN="$CARGO_TARGET_DIR/debug/casustafel"

build_app() {
  step "building the UI (wasm)"
  ./scripts/build-frontend.sh
  step "building the app"
  cargo build -p casustafel
}

# Starts Xvfb when there is no display (a server, CI). Sets DISPLAY; the caller's trap stops it.
XVFB_PID=""
ensure_display() {
  if [ -n "${DISPLAY:-}" ]; then
    return
  fi
  local n=99
  while [ -e "/tmp/.X${n}-lock" ] || [ -e "/tmp/.X11-unix/X${n}" ]; do n=$((n + 1)); done
  Xvfb ":${n}" -screen 0 1200x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":${n}"
  for _ in $(seq 1 50); do
    [ -e "/tmp/.X11-unix/X${n}" ] && break
    sleep 0.1
  done
  echo "no display was set: started Xvfb on ${DISPLAY}"
}

stop_display() {
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}
