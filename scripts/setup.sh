#!/usr/bin/env bash
# System packages dispute uses (Debian). WeasyPrint needs pango; libharfbuzz-subset0 makes CJK
# font subsetting fast (0.4 s a letter instead of 11-16 s); fonts-wqy-microhei is only for
# rebuilding the synthetic test PDFs; poppler-utils gives pdftoppm for looking at pages.
# Without root or apt-get it only says what to install: the product still runs, slower.
# Then it makes the virtual environment .venv (Debian 12 refuses `pip install` outside one:
# externally-managed-environment), which the README's command activates.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei poppler-utils)
# libgl1 and libglib2.0-0: OpenCV, which the ocr extra's engine (rapidocr) loads.
PACKAGES+=(libgl1 libglib2.0-0)
# Tools only tests use, asked for by DISPUTE_TEST_TOOLS=1 (CI; DISPUTE_BROWSER_TESTS=1 is the old name):
# chromium runs the browser tests (tests/web/test_browser.py, through Playwright), LibreOffice Writer
# opens the DOCX letters as a user would (tests/render/test_docx_libreoffice.py), Calc batch's
# summary.csv and summary.xlsx (tests/test_summary_sheet.py).
if [ "${DISPUTE_TEST_TOOLS:-${DISPUTE_BROWSER_TESTS:-}}" = 1 ]; then PACKAGES+=(chromium libreoffice-writer-nogui libreoffice-calc-nogui); fi
# Debian's own python3 makes a venv only with python3-venv; a minimal image has no python3 at all.
too_old() {
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' && return 1
  echo "dispute: needs Python 3.11 or newer; python3 here is $(python3 -V 2>&1)" >&2
}
if ! command -v python3 >/dev/null; then PACKAGES+=(python3 python3-venv)
elif too_old; then exit 1
elif [ ! -x .venv/bin/python ] && dpkg -S "$(readlink -f "$(command -v python3)")" >/dev/null 2>&1; then
  PACKAGES+=(python3-venv)
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then :
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "dispute: please install: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
fi
command -v python3 >/dev/null && ! too_old || exit 1
if [ ! -x .venv/bin/python ] && ! python3 -m venv .venv >/dev/null; then
  rm -rf .venv  # half made: the next run must not take it for a venv
  echo "dispute: cannot make the virtual environment .venv: install python3-venv (sudo apt-get install python3-venv)" >&2
  exit 1
fi
echo "dispute: .venv ready ($(.venv/bin/python -V)). Next, pip install -e . compiles the PDF reader's fast modules (mypyc, a C helper): 30 s or more at 'Building editable for dispute', with no other output"
