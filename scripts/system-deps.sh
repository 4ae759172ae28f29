#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, only those missing (idempotent).
#   scripts/system-deps.sh          Qt runtime libraries (offscreen and X11)
#   scripts/system-deps.sh test     + PostgreSQL (the storage suite runs on a throwaway cluster)
#   scripts/system-deps.sh screen   + Xvfb (screenshots under a virtual display)
set -euo pipefail
pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
      libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0)
for extra in "$@"; do
  case "$extra" in
    test) pkgs+=(postgresql) ;;
    screen) pkgs+=(xvfb xauth) ;;
    *) echo "system-deps.sh: unknown group '$extra'" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "system-deps.sh: please install: ${missing[*]}" >&2; exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
