; Inno Setup script: installs the PyInstaller folder (dist\cpdesk) per machine.
; Build with:  iscc packaging\windows\cpdesk.iss   (after packaging\build.ps1)
#define AppVersion "0.1.0"

[Setup]
AppId={{6C7E3F0A-2B1D-4C7E-9E25-4D1A2B3C4D5E}
AppName=cpdesk
AppVersion={#AppVersion}
AppPublisher=Children's Services
DefaultDirName={autopf}\cpdesk
DefaultGroupName=cpdesk
OutputDir=..\..\dist
OutputBaseFilename=cpdesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
; Case records live in each user's own data folder, never in Program Files.
UninstallDisplayIcon={app}\cpdesk.exe

[Files]
Source: "..\..\dist\cpdesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\cpdesk"; Filename: "{app}\cpdesk.exe"
Name: "{group}\Uninstall cpdesk"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\cpdesk.exe"; Description: "Start cpdesk"; Flags: nowait postinstall skipifsilent
