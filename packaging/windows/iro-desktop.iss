; Inno Setup script for IRO Desktop on Windows: a per-machine install of the PyInstaller
; bundle (packaging/iro-desktop.spec) with a Start menu entry. Built by
; .github/workflows/windows.yml:  iscc /DAppVersion=0.1.0 packaging\windows\iro-desktop.iss
;
; Each IRO's caseload, key file and settings live in their own profile (platformdirs:
; %LOCALAPPDATA%\iro-desktop), never under {app}: the installer does not create them and
; the uninstaller removes only the files it installed, so an uninstall (or an upgrade)
; keeps every IRO's data. The machine-wide policy file, %PROGRAMDATA%\iro-desktop\
; policy.toml, belongs to the authority's IT team and is kept too.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "IRO Desktop"
#define Bundle "..\..\build\dist\iro-desktop"

[Setup]
; A fixed id: upgrades replace the same installation. Never change it.
AppId={{6D1C2B1E-5E36-4C6A-9E0B-2B8C4A1F9D37}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=IRO Desktop project
DefaultDirName={autopf}\IRO Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine: installed once under Program Files for every user of the laptop.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=iro-desktop-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\iro-desktop.ico
UninstallDisplayIcon={app}\IRO Desktop.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Managed laptops install silently: iro-desktop-setup.exe /VERYSILENT /NORESTART
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\IRO Desktop.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\IRO Desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\IRO Desktop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: nothing outside {app} is removed, so the IROs'
; caseloads in their profiles stay.
