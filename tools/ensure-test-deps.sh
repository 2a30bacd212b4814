#!/usr/bin/env bash
# What the e2e tests need beyond npm: Debian's Chromium (never a downloaded browser) and the
# Python peers that read our exports (pandas, h5py) and rerun the original's decoding on them
# (scikit-learn), in a Python that test/support/python.mjs finds ($PYTHON, python3 on PATH,
# Debian's /usr/bin/python3). Installs what is missing when we may (root with apt-get);
# otherwise says exactly what is needed. Unit tests need no Python (their oracles' answers are
# in test/golden; `npm run golden` regenerates them with the same packages).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
node "$(dirname "$0")/../test/support/python.mjs" pandas h5py sklearn >/dev/null 2>&1 ||
  missing+=(python3-pandas python3-h5py python3-sklearn)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The e2e tests need these Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})." >&2
echo "Or point CHROMIUM_PATH at a Chromium/Chrome binary." >&2
exit 1
