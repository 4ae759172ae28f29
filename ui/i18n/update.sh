#!/usr/bin/env bash
# Refresh the Arabic translation after changing user-visible strings in the shell:
#   1. pyside6-lupdate collects self.tr()/QCoreApplication.translate() strings into annotator_ar.ts,
#      keeping existing translations; 2. translate the new <message>s (Qt Linguist or any editor);
#   3. pyside6-lrelease compiles annotator_ar.qm, which is committed and loaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PYSIDE6_BIN:-$(dirname "$(command -v python)")}"
"$BIN/pyside6-lupdate" app.py main_window.py article_list.py help.py project_dialogs.py \
  -ts i18n/annotator_ar.ts -target-language ar -no-obsolete
"$BIN/pyside6-lrelease" i18n/annotator_ar.ts -qm i18n/annotator_ar.qm
