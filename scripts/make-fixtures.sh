#!/usr/bin/env bash
# Regenerates the spreadsheet fixtures in src-tauri/core/tests/fixtures/ from their hand-written
# sources in fixtures/src/ with LibreOffice (apt-get install libreoffice-calc-nogui), plus the
# hand-made broken files. The tests read the committed files, so neither CI nor a developer needs
# LibreOffice; run this only after changing a source, and commit what it writes.
set -euo pipefail
cd "$(dirname "$0")/../src-tauri/core/tests/fixtures"
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 1; }

# A private profile, so a running LibreOffice or a first-start dialog cannot get in the way.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
convert() { soffice -env:UserInstallation="file://$profile" --headless --calc --convert-to "$1" --outdir . "$2" >/dev/null 2>&1; }

convert xlsx src/members.fods
convert xls src/members.fods
convert ods src/members.fods
convert xlsx src/empty-sheet.fods

# Broken on purpose: nothing at all; a workbook cut off half-way (as by a failed download or a
# full disk); text that only claims to be a workbook.
: > zero-bytes.xlsx
head -c "$(($(stat -c %s members.xlsx) / 2))" members.xlsx > truncated.xlsx
printf '姓名,手机\n王伟,13812345678\n' > text-named.xlsx
ls -l
