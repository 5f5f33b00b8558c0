#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages conviz needs to build, test and run, and nothing else.
# Idempotent: when everything is present it only runs dpkg-query and exits in well under a second.
# Root uses apt-get directly; anyone else goes through sudo. CONVIZ_SKIP_DEPS=1 skips the check.
set -euo pipefail

[[ "${CONVIZ_SKIP_DEPS:-0}" == 1 ]] && exit 0

packages=(
  build-essential cmake ninja-build pkg-config clang-format clang-tidy ccache
  libfmt-dev libtomlplusplus-dev
  libboost-dev libboost-fiber-dev libboost-context-dev
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
  qt6-qpa-plugins libgif-dev fonts-dejavu-core
  libgtest-dev libgmock-dev libbenchmark-dev
  xvfb xauth
  golang-go nodejs # the real Go and Node.js runners (conviz-cli live --runtime go,node) and their tests
  clang libclang-rt-14-dev # the fuzz targets (make fuzz, make test): clang and its libFuzzer + sanitizer runtimes
  dpkg-dev file desktop-file-utils appstream groff-base # make package and its test: dpkg-shlibdeps (which CPack runs
                                                        # through `file`), the desktop and AppStream validators, groff
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

command -v apt-get >/dev/null || {
  echo "install-deps: apt-get not found; install these yourself: ${missing[*]}" >&2
  exit 1
}
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "install-deps: not root and no sudo; install these yourself: ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
