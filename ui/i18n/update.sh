#!/usr/bin/env bash
# Refresh the Arabic translation after changing user-visible strings anywhere in ui/:
#   1. pyside6-lupdate collects self.tr()/QCoreApplication.translate()/QT_TRANSLATE_NOOP strings of
#      every ui/*.py into annotator_ar.ts, keeping existing translations and dropping obsolete ones;
#   2. translate the new <message>s (type="unfinished"; Qt Linguist or any editor), keeping '&'
#      accelerators and %1-style placeholders; tests/ui/test_i18n.py fails on untranslated ones;
#   3. pyside6-lrelease compiles annotator_ar.qm, which is committed and loaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PYSIDE6_BIN:-$(dirname "$(command -v python)")}"
"$BIN/pyside6-lupdate" ./*.py -ts i18n/annotator_ar.ts -target-language ar -no-obsolete
"$BIN/pyside6-lrelease" i18n/annotator_ar.ts -qm i18n/annotator_ar.qm
