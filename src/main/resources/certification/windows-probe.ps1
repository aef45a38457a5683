# Windows certification probe: gathers what every WIN-* check reads, changes nothing, and prints
# one JSON document (UTF-8) on standard output. Run by the product over one SSH session as
# powershell.exe -EncodedCommand; Windows PowerShell 5.1 (Windows Server 2016 and later) or later.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$problems = New-Object System.Collections.Generic.List[string]
$invariant = [Globalization.CultureInfo]::InvariantCulture

function Read-Fact([string] $what, [scriptblock] $read) {
  try {
    & $read
  } catch {
    $problems.Add($what + ': ' + $_.Exception.GetType().Name)
  }
}

function As-Array($items) {
  if ($null -eq $items) { return ,@() }
  return ,@($items)
}

function Registry-Values([string] $path, [string[]] $names) {
  $values = [ordered]@{ Path = $path; Present = (Test-Path -LiteralPath $path) }
  if ($values.Present) {
    $key = Get-ItemProperty -LiteralPath $path
    foreach ($name in $names) { $values[$name] = $key.$name }
  }
  $values
}

function File-VersionInfo([string] $path) {
  if (-not (Test-Path -LiteralPath $path)) { return $null }
  (Get-Item -LiteralPath $path).VersionInfo |
    Select-Object FileName, FileVersion, FileMajorPart, FileMinorPart, FileBuildPart, FilePrivatePart
}

$os = Read-Fact 'Win32_OperatingSystem' {
  Get-CimInstance -ClassName Win32_OperatingSystem |
    Select-Object Caption, Version, BuildNumber, OSArchitecture, ProductType
}

$setupState = Read-Fact 'Setup\State' {
  Registry-Values 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Setup\State' @('ImageState')
}

$terminalServer = Read-Fact 'Terminal Server' {
  Registry-Values 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server' @('fDenyTSConnections')
}

$bitLocker = [ordered]@{ Available = [bool](Get-Command Get-BitLockerVolume -ErrorAction SilentlyContinue) }
if ($bitLocker.Available) {
  $bitLocker.Volumes = As-Array (Read-Fact 'Get-BitLockerVolume' {
    Get-BitLockerVolume -MountPoint $env:SystemDrive | ForEach-Object {
      [ordered]@{ MountPoint = $_.MountPoint; VolumeStatus = "$($_.VolumeStatus)"
        ProtectionStatus = "$($_.ProtectionStatus)"; EncryptionPercentage = $_.EncryptionPercentage }
    }
  })
}

$features = [ordered]@{ Available = [bool](Get-Command Get-WindowsFeature -ErrorAction SilentlyContinue) }
if ($features.Available) {
  $features.Installed = As-Array (Read-Fact 'Get-WindowsFeature' {
    Get-WindowsFeature | Where-Object { $_.Installed } | ForEach-Object {
      [ordered]@{ Name = $_.Name; DisplayName = $_.DisplayName }
    }
  })
}

$drivers = Join-Path $env:SystemRoot 'System32\drivers'
$srvSys = Read-Fact 'srv.sys' { File-VersionInfo (Join-Path $drivers 'srv.sys') }
$srv2Sys = Read-Fact 'srv2.sys' { File-VersionInfo (Join-Path $drivers 'srv2.sys') }

$protocols = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'
$schannel = As-Array (Read-Fact 'SCHANNEL' {
  foreach ($protocol in @('SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2')) {
    $server = Registry-Values "$protocols\$protocol\Server" @('Enabled', 'DisabledByDefault')
    $server.Protocol = $protocol
    $server
  }
})

$hotFixes = As-Array (Read-Fact 'Get-HotFix' {
  Get-HotFix | ForEach-Object {
    $installed = $null
    if ($_.InstalledOn) { $installed = $_.InstalledOn.ToString('yyyy-MM-dd', $invariant) }
    [ordered]@{ HotFixID = $_.HotFixID; Description = $_.Description; InstalledOn = $installed }
  }
})

$document = [ordered]@{
  Probe = 'windows-certification-probe'
  Version = 1
  TakenAt = (Get-Date).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $invariant)
  OperatingSystem = $os
  Is64BitOperatingSystem = [Environment]::Is64BitOperatingSystem
  SetupState = $setupState
  TerminalServer = $terminalServer
  BitLocker = $bitLocker
  WindowsFeatures = $features
  SrvSys = $srvSys
  Srv2Sys = $srv2Sys
  Schannel = $schannel
  HotFixes = $hotFixes
  Problems = As-Array $problems.ToArray()
}

# UTF-8 bytes straight to standard output: an SSH exec channel has no console whose code page to trust
$bytes = (New-Object System.Text.UTF8Encoding $false).GetBytes((ConvertTo-Json -InputObject $document -Depth 6 -Compress))
$stdout = [Console]::OpenStandardOutput()
$stdout.Write($bytes, 0, $bytes.Length)
$stdout.Flush()
