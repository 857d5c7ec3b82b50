#!/usr/bin/env bash
# Build the Linux artefacts: a wheel, and a PyInstaller folder (dist/cpdesk) with its .desktop
# entry and AppStream metadata. Run from anywhere; see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv build/venv
build/venv/bin/pip install -q --upgrade pip build pyinstaller
build/venv/bin/pip install -q .
build/venv/bin/python -m build --wheel --outdir dist
build/venv/bin/pyinstaller packaging/cpdesk.spec --noconfirm --distpath dist --workpath build/pyinstaller
install -Dm644 packaging/linux/uk.gov.cpdesk.desktop dist/cpdesk/share/applications/uk.gov.cpdesk.desktop
install -Dm644 packaging/linux/uk.gov.cpdesk.metainfo.xml dist/cpdesk/share/metainfo/uk.gov.cpdesk.metainfo.xml
install -Dm644 resources/icons/cpdesk.svg dist/cpdesk/share/icons/hicolor/scalable/apps/uk.gov.cpdesk.svg
echo "Built: dist/*.whl and dist/cpdesk/"
