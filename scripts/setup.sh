#!/usr/bin/env bash
# System packages dispute uses (Debian). WeasyPrint needs pango; libharfbuzz-subset0 makes CJK
# font subsetting fast (0.4 s a letter instead of 11-16 s); fonts-wqy-microhei is only for
# rebuilding the synthetic test PDFs; poppler-utils gives pdftoppm for looking at pages.
# Without root or apt-get it only says what to install: the product still runs, slower.
set -euo pipefail
PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei poppler-utils)
# chromium only runs the browser tests (tests/web/test_browser.py, through Playwright); CI asks for it.
if [ "${DISPUTE_BROWSER_TESTS:-}" = 1 ]; then PACKAGES+=(chromium); fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "dispute: please install: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
fi
