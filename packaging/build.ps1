# Build the Windows artefacts: dist\cpdesk (PyInstaller) and dist\cpdesk-<version>-setup.exe
# (Inno Setup 6 must be installed; iscc on PATH). Run from the repository root in PowerShell.
$ErrorActionPreference = "Stop"
py -3.11 -m venv build\venv
build\venv\Scripts\pip install -q --upgrade pip pyinstaller
build\venv\Scripts\pip install -q .
# The .ico is made from the SVG icon once per release (any SVG-to-ICO tool; 16-256 px).
if (-not (Test-Path packaging\windows\cpdesk.ico)) { throw "packaging\windows\cpdesk.ico is missing" }
build\venv\Scripts\pyinstaller packaging\cpdesk.spec --noconfirm --distpath dist --workpath build\pyinstaller
iscc packaging\windows\cpdesk.iss
