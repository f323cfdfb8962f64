#!/usr/bin/env bash
# Installs what is missing, and nothing that is already there.
#   setup.sh serve   the wasm target, the pinned wasm-bindgen CLI, npm packages
#   setup.sh test    additionally Chromium + driver, dash/busybox/mawk, skopeo/umoci, Python packages
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
WASM_BINDGEN_VERSION=0.2.130

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a few minutes once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

[ "${1:-serve}" = test ] || exit 0

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v dash >/dev/null || missing+=(dash)
command -v busybox >/dev/null || missing+=(busybox)
# The oracles of tests/awk_oracle.rs: Debian's awk (mawk) and BusyBox's.
command -v mawk >/dev/null || missing+=(mawk)
# The oracle for the simulated figlet (src/shell/programs/figlet.rs).
command -v figlet >/dev/null || missing+=(figlet)
# The oracle of tests/php.rs (the PHP evaluator of src/apps/php/).
command -v php >/dev/null || missing+=(php8.2-cli)
command -v skopeo >/dev/null || missing+=(skopeo)
command -v xz >/dev/null || missing+=(xz-utils)
command -v bzip2 >/dev/null || missing+=(bzip2)
command -v bash >/dev/null || missing+=(bash)
command -v umoci >/dev/null || missing+=(umoci)
# A Korean font, so screenshots of the Korean UI show Hangul.
[ -d /usr/share/fonts/truetype/nanum ] || missing+=(fonts-nanum)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The oracles of tests/django_oracle.rs: the real Django, each version in its
# own virtual environment under target/oracle/.
for v in 5.1.4 4.2.17; do
  venv="target/oracle/django-$v"
  if ! "$venv/bin/python" -c "import django, sys; sys.exit(django.__version__ != '$v')" 2>/dev/null; then
    say "installing Django $v (the oracle of tests/django_oracle.rs) in $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet "django==$v"
  fi
done

if ! python3 -c 'import dockerfile' 2>/dev/null; then
  say "installing the Python package dockerfile (BuildKit's parser, the test oracle)"
  python3 -m pip install --quiet 'dockerfile==3.4.0'
fi
