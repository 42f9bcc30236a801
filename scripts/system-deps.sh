#!/usr/bin/env bash
# Debian packages the tests use, installed when absent — by `npm test` (pretest) and by .ci/run:
#   chromium + fonts-wqy-zenhei   browser tests (never a downloaded browser), CJK font for screenshots
#   poppler-utils                 pdftotext/pdfinfo (the PDF reader's reference in tests), pdftoppm (OCR)
#   tesseract-ocr + -chi-sim      the OCR test of a scanned PDF (it fails, not skips, under CI)
# As root, or with sudo that needs no password, they are installed; otherwise one line says what to
# install and the tests run without them (under CI that is an error).
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
{ dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk'; } ||
  missing+=(fonts-wqy-zenhei)
{ command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; } || missing+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx 'chi_sim' || missing+=(tesseract-ocr-chi-sim)
[ "${#missing[@]}" -eq 0 ] && exit 0

fail() {
  echo "plantrace: $1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_cmd=(sudo -n)
else
  fail "the browser and OCR tests need Debian packages: sudo apt-get install ${missing[*]}"
fi
echo "plantrace: installing Debian packages the tests need: ${missing[*]}" >&2
"${sudo_cmd[@]}" apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null ||
  fail "could not install ${missing[*]} (apt-get failed)"
