# Sourced by the other scripts: installs what a fresh Debian machine lacks, then builds.
# Usage: . scripts/setup.sh [debug|release]
set -eu
cd "$(dirname "${BASH_SOURCE[0]}")/.."
need=""
for pkg in libyaml-dev libjson-c-dev pkg-config; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need="$need $pkg"
done
if [ -n "$need" ]; then
    echo "setup: installing$need" >&2
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >&2
fi
CONFIG="${1:-debug}"
# Release binaries carry the Swift runtime and Foundation (static): ~9 ms less start-up per run.
STATIC=""; [ "$CONFIG" = release ] && STATIC="--static-swift-stdlib"
swift build -c "$CONFIG" $STATIC -Xswiftc -warnings-as-errors --product cipherlint >&2
CIPHERLINT="$(swift build -c "$CONFIG" $STATIC --show-bin-path)/cipherlint"
export CIPHERLINT
