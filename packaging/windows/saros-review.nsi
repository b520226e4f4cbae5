; SAROS Review installer for Windows, built on Linux with makensis:
;   makensis -DVERSION=x.y.z -DEXE=path/saros-review.exe -DCOM=path/saros-review.com -DREADME=README.md
;            -DNOTICES=THIRD-PARTY-NOTICES.txt -DICON=saros-review.ico
;            -DOUTFILE=out.exe saros-review.nsi
; Start-menu entries, .nii and .dcm associations, an entry in Apps &
; features, and an uninstaller that removes all of it.
Unicode true
; A 64-bit installer for the 64-bit program (Debian's nsis has the stubs).
Target amd64-unicode
!define APP "SAROS Review"
!define KEY "SAROSReview"
!define UNINST "Software\Microsoft\Windows\CurrentVersion\Uninstall\${KEY}"
Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
RequestExecutionLevel admin
Icon "${ICON}"
UninstallIcon "${ICON}"
SetCompressor /SOLID lzma
; A dictionary that spans both builds of the program, which differ little.
SetCompressorDictSize 64

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

!macro Assoc EXT PROGID DESC
  WriteRegStr HKCR "${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCR "${PROGID}" "" "${DESC}"
  WriteRegStr HKCR "${PROGID}\shell\open\command" "" '"$INSTDIR\saros-review.exe" "%1"'
!macroend

Section "Install"
  SetRegView 64
  ; A per-machine install: Start-menu entries for every user.
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "/oname=saros-review.exe" "${EXE}"
  ; The console build: "saros-review qc …" in cmd runs it (.com before .exe).
  File "/oname=saros-review.com" "${COM}"
  File "/oname=README.md" "${README}"
  File "/oname=THIRD-PARTY-NOTICES.txt" "${NOTICES}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\saros-review.exe"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"
  !insertmacro Assoc ".nii" "${KEY}.NIfTI" "NIfTI-1 image"
  !insertmacro Assoc ".dcm" "${KEY}.DICOM" "DICOM file"
  WriteRegStr HKLM "${UNINST}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST}" "Publisher" "SAROS Review developers"
  WriteRegStr HKLM "${UNINST}" "DisplayIcon" "$INSTDIR\saros-review.exe"
  WriteRegStr HKLM "${UNINST}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKLM "${UNINST}" "InstallLocation" "$INSTDIR"
  WriteRegDWORD HKLM "${UNINST}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetRegView 64
  SetShellVarContext all
  Delete "$INSTDIR\saros-review.exe"
  Delete "$INSTDIR\saros-review.com"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\THIRD-PARTY-NOTICES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"
  DeleteRegValue HKCR ".nii\OpenWithProgids" "${KEY}.NIfTI"
  DeleteRegValue HKCR ".dcm\OpenWithProgids" "${KEY}.DICOM"
  DeleteRegKey HKCR "${KEY}.NIfTI"
  DeleteRegKey HKCR "${KEY}.DICOM"
  DeleteRegKey HKLM "${UNINST}"
SectionEnd
