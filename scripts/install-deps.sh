#!/usr/bin/env bash
# Installs everything Sluice needs to build, run and test on Debian 12 (bookworm).
# Idempotent: when every package is already there it only runs dpkg-query and exits in well under a second.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config lld
  # Qt 6 (QtCharts needs libqt6opengl6-dev with --no-install-recommends; the app needs the qpa plugins)
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools libqt6sql6-sqlite qt6-qpa-plugins
  # connection passwords in the system keychain
  qtkeychain-qt6-dev
  # engine: Asio (header-only Boost), TLS, Kafka compression codecs
  libboost-dev libssl-dev zlib1g-dev liblz4-dev libzstd-dev libsnappy-dev
  # looking at the GUI headless, and fonts so Qt renders text
  xvfb xauth imagemagick x11-apps fonts-dejavu-core
  # real Kafka clients for the interop tests (they use /usr/bin/python3)
  kcat librdkafka-dev python3 python3-confluent-kafka python3-kafka
  # certificates for the TLS interop tests, made at test time
  openssl
)
# Node may come from elsewhere than Debian (then npm is not a Debian package): only ask apt when missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo --preserve-env=DEBIAN_FRONTEND)
  else
    echo "install-deps: missing packages (${missing[*]}) and neither root nor sudo available" >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# kafkajs for the interop tests: `npm ci` from the committed lock file when node_modules is missing or stale.
kafkajs_dir="$repo_root/tests/interop/kafkajs"
if [[ -f "$kafkajs_dir/package-lock.json" ]]; then
  stamp="$kafkajs_dir/node_modules/.package-lock.json"
  if [[ ! -d "$kafkajs_dir/node_modules" || ! -f "$stamp" || "$kafkajs_dir/package-lock.json" -nt "$stamp" ]]; then
    echo "install-deps: npm ci in tests/interop/kafkajs"
    (cd "$kafkajs_dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
