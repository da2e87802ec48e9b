<#
.SYNOPSIS
    Installs or upgrades the ExchangeRules transport agent on this Exchange server.

.DESCRIPTION
    Run in the Exchange Management Shell (as administrator) on every Mailbox or Edge server whose Transport
    service should process mail. The script:

      1. checks the Exchange version (2016, 2019 or Subscription Edition) and the .NET Framework (4.8 or later);
      2. copies the agent bundle to the target folder and unblocks every file, keeping an existing
         configuration (ExchangeRules.config.xml) and the Rules, LastGood and Logs folders;
      3. registers the agent with the server's Transport service (Install-TransportAgent -TransportService Hub on
         a Mailbox server, -TransportService Edge on an Edge Transport server), enables it and sets its priority
         (by default just before any DKIM-signing agent, so signatures are stamped before the message is signed);
      4. makes sure ExchangeRules.config.xml has the organisation key (<organizationKey>) that signs the agent's
         markers: an existing key is never replaced; otherwise the key of -OrganizationKey or
         -OrganizationKeyPath is added, or a new 256-bit random key is generated. The configuration file is
         then readable only by Administrators, SYSTEM and NETWORK SERVICE (the Transport service's account);
      5. registers the 'ExchangeRules' event log source;
      6. restarts MSExchangeTransport unless -NoRestart.

    Running it again upgrades in place (disable, replace files, enable) without losing configuration; when
    nothing changed it does nothing. If a step fails, every step already done is undone and the previous
    working state is restored. -WhatIf shows the plan without changing anything.

.PARAMETER SourcePath
    The folder holding ExchangeRules.Agent.dll and its dependencies. Default: the 'agent' folder beside this
    script or beside its parent folder.

.PARAMETER TargetPath
    Where the agent is installed. Default: $env:ExchangeInstallPath\TransportRoles\agents\ExchangeRules.

.PARAMETER Priority
    The agent priority (1 runs first). Default: just before the first DKIM-signing agent, else last.

.PARAMETER NoRestart
    Do not restart (or stop for an upgrade) MSExchangeTransport. The agent takes effect at the next restart.

.PARAMETER OrganizationKeyPath
    A file holding the organisation key (Base64), shared by every server of the organisation, for example
    \\fileserver\ExchangeRules$\organization.key. When the file exists its key is used; when it does not, a new
    key is generated and written there (readable by Administrators and SYSTEM only), so the first server creates it
    and every other server reads it. Without this or -OrganizationKey each server generates its own key, which is
    right only for an organisation with a single server running the agent.

.PARAMETER OrganizationKey
    The organisation key itself (at least 32 bytes in Base64), as an alternative to -OrganizationKeyPath.

.EXAMPLE
    .\Install-ExchangeRules.ps1 -WhatIf

.EXAMPLE
    .\Install-ExchangeRules.ps1 -Priority 3 -NoRestart

.EXAMPLE
    .\Install-ExchangeRules.ps1 -OrganizationKeyPath \\fileserver\ExchangeRules$\organization.key
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $SourcePath,
    [string] $TargetPath,
    [ValidateRange(1, 1000)]
    [int] $Priority,
    [switch] $NoRestart,
    [string] $OrganizationKeyPath,
    [string] $OrganizationKey,
    [ValidateLength(1, 64)]
    [string] $AgentName = 'ExchangeRules',
    [string] $TransportAgentFactory = 'ExchangeRules.Agent.ExchangeRulesRoutingAgentFactory',
    [string] $AssemblyFileName = 'ExchangeRules.Agent.dll',
    [string] $DkimAgentPattern = 'dkim',
    [string] $EventLogSource = 'ExchangeRules'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

# Admin-owned content in the target folder that an upgrade never replaces.
$preservedFiles = @('ExchangeRules.config.xml')
$preservedFolders = @('Rules', 'LastGood', 'Logs')
$transportService = 'MSExchangeTransport'
$agentService = 'Hub'
$minimumDotNetRelease = 528040   # .NET Framework 4.8
$configurationFileName = 'ExchangeRules.config.xml'
$configurationNamespace = 'urn:exchangerules:config:v1'
$organizationKeyBytes = 32
# Well-known SIDs, so the grants do not depend on the server's language: Administrators, SYSTEM, NETWORK SERVICE
# (the account MSExchangeTransport and MSExchangeTransport on Edge run as).
$administratorsSid = '*S-1-5-32-544'
$systemSid = '*S-1-5-18'
$networkServiceSid = '*S-1-5-20'

function Resolve-SourcePath {
    if ($SourcePath) { return (Resolve-Path -LiteralPath $SourcePath).ProviderPath }
    foreach ($candidate in @((Join-Path $PSScriptRoot 'agent'), (Join-Path (Split-Path $PSScriptRoot -Parent) 'agent'))) {
        if (Test-Path -LiteralPath (Join-Path $candidate $AssemblyFileName)) { return $candidate }
    }
    throw "The agent bundle was not found beside the script. Pass -SourcePath with the folder holding $AssemblyFileName."
}

function Resolve-TargetPath {
    if ($TargetPath) { return [System.IO.Path]::GetFullPath($TargetPath) }
    if (-not $env:ExchangeInstallPath) {
        throw 'ExchangeInstallPath is not set: run this script on an Exchange server, in the Exchange Management Shell, or pass -TargetPath.'
    }
    return [System.IO.Path]::GetFullPath((Join-Path $env:ExchangeInstallPath 'TransportRoles\agents\ExchangeRules'))
}

function Assert-Prerequisites {
    $server = Get-ExchangeServer -Identity $env:COMPUTERNAME -ErrorAction Stop
    $version = $server.AdminDisplayVersion
    if ($version.Major -ne 15 -or $version.Minor -lt 1) {
        throw "Exchange Server 2016, 2019 or Subscription Edition is required; this server runs version $($version.Major).$($version.Minor) (build $($version.Build))."
    }
    if (-not ($server.IsHubTransportServer -or $server.IsEdgeServer)) {
        throw "This server has no Transport service for routing agents (it is neither a Mailbox nor an Edge server)."
    }
    # The transport agent cmdlets name the service: Hub is the Transport service on Mailbox servers, Edge the
    # Transport service on Edge Transport servers (Install-TransportAgent, -TransportService).
    $script:agentService = if ($server.IsEdgeServer) { 'Edge' } else { 'Hub' }

    $release = Get-ItemPropertyValue -LiteralPath 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -Name Release -ErrorAction Stop
    if ([int]$release -lt $minimumDotNetRelease) {
        throw ".NET Framework 4.8 or later is required (release $minimumDotNetRelease); this server has release $release."
    }

    return $version
}

function Get-ExistingAgent {
    @(Get-TransportAgent -TransportService $agentService -ErrorAction Stop) | Where-Object { $_.Identity -eq $AgentName } | Select-Object -First 1
}

function Get-DesiredPriority {
    param([object[]] $Agents, [object] $Explicit)

    if ($null -ne $Explicit) { return [int]$Explicit }
    $others = @($Agents | Where-Object { $_.Identity -ne $AgentName })
    $dkim = @($others | Where-Object {
            ($_.Identity -match $DkimAgentPattern) -or
            (($_.PSObject.Properties.Name -contains 'TransportAgentFactory') -and ($_.TransportAgentFactory -match $DkimAgentPattern))
        } | Sort-Object -Property Priority)
    if ($dkim.Count -eq 0) { return $null }

    $own = @($Agents | Where-Object { $_.Identity -eq $AgentName })
    $first = [int]$dkim[0].Priority
    # Already ahead of every DKIM agent: leave it where it is. Otherwise take the first DKIM agent's slot,
    # which moves that agent (and the ones after it) down by one.
    if ($own.Count -gt 0 -and [int]$own[0].Priority -lt $first) { return [int]$own[0].Priority }
    return $first
}

function Test-SameFiles {
    param([string] $From, [string] $To)

    if (-not (Test-Path -LiteralPath $To)) { return $false }
    foreach ($file in Get-ChildItem -LiteralPath $From -Recurse -File) {
        $relative = $file.FullName.Substring($From.TrimEnd('\', '/').Length).TrimStart('\', '/')
        if (Test-Preserved $relative) { continue }
        $installed = Join-Path $To $relative
        if (-not (Test-Path -LiteralPath $installed)) { return $false }
        if ((Get-FileHash -LiteralPath $file.FullName).Hash -ne (Get-FileHash -LiteralPath $installed).Hash) { return $false }
    }
    return $true
}

function Test-Preserved {
    param([string] $RelativePath)

    $first = ($RelativePath -split '[\\/]')[0]
    return ($preservedFolders -contains $first) -or ($preservedFiles -contains $RelativePath)
}

function Copy-Bundle {
    param([string] $From, [string] $To)

    New-Item -ItemType Directory -Path $To -Force | Out-Null
    foreach ($file in Get-ChildItem -LiteralPath $From -Recurse -File) {
        $relative = $file.FullName.Substring($From.TrimEnd('\', '/').Length).TrimStart('\', '/')
        $destination = Join-Path $To $relative
        if ((Test-Preserved $relative) -and (Test-Path -LiteralPath $destination)) {
            Write-Verbose "Keeping existing $relative"
            continue
        }
        New-Item -ItemType Directory -Path (Split-Path $destination -Parent) -Force | Out-Null
        Copy-Item -LiteralPath $file.FullName -Destination $destination -Force
    }
    Get-ChildItem -LiteralPath $To -Recurse -File | Unblock-File
}

function Get-ProgramFiles {
    param([string] $Folder)

    $root = $Folder.TrimEnd('\', '/')
    foreach ($file in Get-ChildItem -LiteralPath $Folder -Recurse -File) {
        $relative = $file.FullName.Substring($root.Length).TrimStart('\', '/')
        if (-not (Test-Preserved $relative)) { [pscustomobject]@{ Relative = $relative; FullName = $file.FullName } }
    }
}

function Backup-ProgramFiles {
    param([string] $Folder)

    # Only the files an upgrade replaces: configuration, rules and logs are never touched, so never copied.
    $backup = Join-Path ([System.IO.Path]::GetTempPath()) ("ExchangeRules-backup-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $backup -Force | Out-Null
    foreach ($file in Get-ProgramFiles $Folder) {
        $destination = Join-Path $backup $file.Relative
        New-Item -ItemType Directory -Path (Split-Path $destination -Parent) -Force | Out-Null
        Copy-Item -LiteralPath $file.FullName -Destination $destination -Force
    }
    return $backup
}

function Restore-ProgramFiles {
    param([string] $Backup, [string] $Folder, [bool] $FolderExisted)

    if (-not $FolderExisted) {
        if (Test-Path -LiteralPath $Folder) { Remove-Item -LiteralPath $Folder -Recurse -Force }
        return
    }
    foreach ($file in @(Get-ProgramFiles $Folder)) { Remove-Item -LiteralPath $file.FullName -Force }
    foreach ($file in @(Get-ProgramFiles $Backup)) {
        $destination = Join-Path $Folder $file.Relative
        New-Item -ItemType Directory -Path (Split-Path $destination -Parent) -Force | Out-Null
        Copy-Item -LiteralPath $file.FullName -Destination $destination -Force
    }
}

function Test-OrganizationKeyText {
    param([string] $Text, [string] $Origin)

    try { $bytes = [Convert]::FromBase64String($Text.Trim()) }
    catch { throw "The organisation key from $Origin is not Base64 text." }
    if ($bytes.Length -lt $organizationKeyBytes) {
        throw "The organisation key from $Origin has $($bytes.Length) bytes; it needs at least $organizationKeyBytes."
    }
    return $Text.Trim()
}

function New-OrganizationKeyText {
    $bytes = New-Object byte[] $organizationKeyBytes
    $random = [System.Security.Cryptography.RandomNumberGenerator]::Create()
    try { $random.GetBytes($bytes) } finally { $random.Dispose() }
    return [Convert]::ToBase64String($bytes)
}

function Set-RestrictedAcl {
    param([string] $Path, [string[]] $Readers)

    # Inheritance removed; full control for Administrators and SYSTEM, read for the given accounts, nobody else.
    $grants = @("${administratorsSid}:(F)", "${systemSid}:(F)") + @($Readers | ForEach-Object { "${_}:(R)" })
    $output = & icacls $Path /inheritance:r /grant:r @grants 2>&1
    if ($LASTEXITCODE -ne 0) { throw "icacls could not restrict access to '$Path': $output" }
}

function Get-ConfiguredOrganizationKey {
    param([xml] $Document)

    $namespaces = New-Object System.Xml.XmlNamespaceManager $Document.NameTable
    $namespaces.AddNamespace('c', $configurationNamespace)
    return $Document.SelectSingleNode('/c:agentConfiguration/c:organizationKey', $namespaces)
}

function Resolve-OrganizationKey {
    # The key to add when the configuration has none, and where it came from.
    if ($OrganizationKey) {
        return [pscustomobject]@{ Text = (Test-OrganizationKeyText $OrganizationKey '-OrganizationKey'); Source = 'Parameter' }
    }
    if ($OrganizationKeyPath) {
        if (Test-Path -LiteralPath $OrganizationKeyPath) {
            $text = Test-OrganizationKeyText ([System.IO.File]::ReadAllText($OrganizationKeyPath)) "'$OrganizationKeyPath'"
            return [pscustomobject]@{ Text = $text; Source = 'SharedFile' }
        }
        $text = New-OrganizationKeyText
        if ($PSCmdlet.ShouldProcess($OrganizationKeyPath, 'Write a new organisation key for the other servers (Administrators and SYSTEM only)')) {
            # Created empty and restricted before the key is written into it.
            New-Item -ItemType File -Path $OrganizationKeyPath -ErrorAction Stop | Out-Null
            Set-RestrictedAcl -Path $OrganizationKeyPath -Readers @()
            [System.IO.File]::WriteAllText($OrganizationKeyPath, $text, [System.Text.Encoding]::ASCII)
        }
        return [pscustomobject]@{ Text = $text; Source = 'GeneratedShared' }
    }
    return [pscustomobject]@{ Text = (New-OrganizationKeyText); Source = 'Generated' }
}

function Add-OrganizationKey {
    # Makes sure the installed configuration has an organisation key and is readable only by Administrators, SYSTEM
    # and the Transport service. An existing key is never replaced. Returns how the key was provided.
    param([string] $ConfigurationPath)

    if (-not (Test-Path -LiteralPath $ConfigurationPath)) {
        Write-Warning "$configurationFileName is missing: no organisation key was configured (docs/configuration.md, 'Organisation key')."
        return 'Missing'
    }
    $document = New-Object System.Xml.XmlDocument
    $document.PreserveWhitespace = $true
    try { $document.Load($ConfigurationPath) }
    catch {
        Write-Warning "$ConfigurationPath is not valid XML ($($_.Exception.Message)): it was left unchanged and no organisation key was added. Fix it and run the script again."
        return 'ConfigurationInvalid'
    }
    if ($document.DocumentElement.NamespaceURI -ne $configurationNamespace) {
        Write-Warning "$ConfigurationPath is not an ExchangeRules configuration ($configurationNamespace): no organisation key was added."
        return 'ConfigurationInvalid'
    }

    $existing = Get-ConfiguredOrganizationKey $document
    if ($existing) {
        if ($OrganizationKey -or $OrganizationKeyPath) {
            Write-Warning "$ConfigurationPath already has an organisation key; it is kept (never replaced). To change it, follow 'Rotating the key' in docs/configuration.md."
        }
        $source = 'Existing'
    }
    else {
        $key = Resolve-OrganizationKey
        $source = $key.Source
        if ($PSCmdlet.ShouldProcess($ConfigurationPath, "Add the organisation key ($source)")) {
            $element = $document.CreateElement('organizationKey', $configurationNamespace)
            $element.SetAttribute('value', $key.Text)
            $root = $document.DocumentElement
            $root.AppendChild($document.CreateTextNode('  ')) | Out-Null
            $root.AppendChild($element) | Out-Null
            $root.AppendChild($document.CreateTextNode([Environment]::NewLine)) | Out-Null
            $settings = New-Object System.Xml.XmlWriterSettings
            $settings.Encoding = New-Object System.Text.UTF8Encoding $false
            $writer = [System.Xml.XmlWriter]::Create($ConfigurationPath, $settings)
            try { $document.Save($writer) } finally { $writer.Dispose() }
        }
        if ($source -eq 'Generated') {
            Write-Warning "A new organisation key was generated for this server only. Every server running the agent needs the same key: install the others with -OrganizationKeyPath or -OrganizationKey (docs/configuration.md, 'Organisation key')."
        }
    }

    if ($PSCmdlet.ShouldProcess($ConfigurationPath, 'Restrict access to Administrators, SYSTEM and NETWORK SERVICE (read)')) {
        Set-RestrictedAcl -Path $ConfigurationPath -Readers @($networkServiceSid)
    }
    return $source
}

# --- plan -------------------------------------------------------------------------------------------------
$source = Resolve-SourcePath
$target = Resolve-TargetPath
$assemblyPath = Join-Path $target $AssemblyFileName
if (-not (Test-Path -LiteralPath (Join-Path $source $AssemblyFileName))) {
    throw "$AssemblyFileName is not in the bundle folder '$source'."
}

$exchangeVersion = Assert-Prerequisites
$agents = @(Get-TransportAgent -TransportService $agentService -ErrorAction Stop)
$existing = Get-ExistingAgent
$explicitPriority = if ($PSBoundParameters.ContainsKey('Priority')) { $Priority } else { $null }
$desiredPriority = Get-DesiredPriority -Agents $agents -Explicit $explicitPriority
$filesCurrent = Test-SameFiles -From $source -To $target
$priorityCurrent = ($null -eq $desiredPriority) -or ($existing -and [int]$existing.Priority -eq [int]$desiredPriority)

$configurationPath = Join-Path $target $configurationFileName
$keySource = $null
if (Test-Path -LiteralPath $configurationPath) {
    # An installed configuration is kept by an upgrade: its key is checked (and added when missing) first, so that a
    # re-run over an installation that predates the key adds it even when nothing else changed.
    $keySource = Add-OrganizationKey -ConfigurationPath $configurationPath
    if ($keySource -notin @('Existing', 'ConfigurationInvalid') -and -not $WhatIfPreference) {
        Write-Warning "An organisation key was added to $configurationPath; it takes effect when $transportService restarts."
    }
}

if ($existing -and $existing.Enabled -and $filesCurrent -and $priorityCurrent) {
    Write-Verbose "ExchangeRules is already installed at $target, enabled, with priority $($existing.Priority): nothing to do."
    return [pscustomobject]@{ Action = 'UpToDate'; TargetPath = $target; Priority = [int]$existing.Priority; Restarted = $false; OrganizationKey = $keySource; ExchangeVersion = "$($exchangeVersion.Major).$($exchangeVersion.Minor).$($exchangeVersion.Build)" }
}

$action = if ($existing) { 'Upgraded' } else { 'Installed' }
$undo = New-Object System.Collections.Generic.Stack[scriptblock]
$backup = $null
$restarted = $false
$step = 'starting'

try {
    if ($existing -and $existing.Enabled -and $PSCmdlet.ShouldProcess($AgentName, 'Disable-TransportAgent (upgrade in place)')) {
        $step = 'disabling the agent'
        Disable-TransportAgent -Identity $AgentName -TransportService $agentService -Confirm:$false -ErrorAction Stop
        $undo.Push({ Enable-TransportAgent -Identity $AgentName -TransportService $agentService -Confirm:$false -ErrorAction Stop })
    }

    if ($existing -and -not $NoRestart -and -not $filesCurrent -and $PSCmdlet.ShouldProcess($transportService, 'Stop-Service (release the agent files)')) {
        $step = "stopping $transportService"
        Stop-Service -Name $transportService -ErrorAction Stop
        $undo.Push({ Start-Service -Name $transportService -ErrorAction Stop })
    }

    if (-not $filesCurrent -and $PSCmdlet.ShouldProcess($target, "Copy the agent files from $source and unblock them")) {
        $step = 'copying the agent files'
        $targetExisted = Test-Path -LiteralPath $target
        if ($targetExisted) { $backup = Backup-ProgramFiles $target }
        $undo.Push({ Restore-ProgramFiles -Backup $backup -Folder $target -FolderExisted $targetExisted })
        Copy-Bundle -From $source -To $target
    }

    if ($null -eq $keySource -and -not $WhatIfPreference) {
        $step = 'configuring the organisation key'
        $keySource = Add-OrganizationKey -ConfigurationPath $configurationPath
    }

    if (-not $existing -and $PSCmdlet.ShouldProcess($AgentName, "Install-TransportAgent -TransportService $agentService from $assemblyPath")) {
        $step = 'registering the agent'
        Install-TransportAgent -Name $AgentName -TransportAgentFactory $TransportAgentFactory -AssemblyPath $assemblyPath -TransportService $agentService -Confirm:$false -ErrorAction Stop | Out-Null
        $undo.Push({ Uninstall-TransportAgent -Identity $AgentName -TransportService $agentService -Confirm:$false -ErrorAction Stop })
    }

    if ($null -ne $desiredPriority -and -not $priorityCurrent -and $PSCmdlet.ShouldProcess($AgentName, "Set-TransportAgent -Priority $desiredPriority")) {
        $step = 'setting the priority'
        Set-TransportAgent -Identity $AgentName -Priority $desiredPriority -TransportService $agentService -Confirm:$false -ErrorAction Stop
        if ($existing) {
            $previousPriority = [int]$existing.Priority
            $undo.Push({ Set-TransportAgent -Identity $AgentName -Priority $previousPriority -TransportService $agentService -Confirm:$false -ErrorAction Stop })
        }
    }

    if ($PSCmdlet.ShouldProcess($AgentName, 'Enable-TransportAgent')) {
        $step = 'enabling the agent'
        Enable-TransportAgent -Identity $AgentName -TransportService $agentService -Confirm:$false -ErrorAction Stop
        if (-not $existing -or -not $existing.Enabled) {
            $undo.Push({ Disable-TransportAgent -Identity $AgentName -TransportService $agentService -Confirm:$false -ErrorAction Stop })
        }
    }

    $eventSourceKey = "HKLM:\SYSTEM\CurrentControlSet\Services\EventLog\Application\$EventLogSource"
    if (-not (Test-Path -LiteralPath $eventSourceKey) -and $PSCmdlet.ShouldProcess($EventLogSource, 'New-EventLog -LogName Application')) {
        $step = 'registering the event log source'
        New-EventLog -LogName Application -Source $EventLogSource -ErrorAction Stop
    }

    if (-not $NoRestart -and $PSCmdlet.ShouldProcess($transportService, 'Restart-Service')) {
        $step = "restarting $transportService"
        Restart-Service -Name $transportService -ErrorAction Stop
        $restarted = $true
    }
}
catch {
    $failure = $_
    Write-Warning "Installation failed while $step`: $($failure.Exception.Message). Undoing the steps already done."
    while ($undo.Count -gt 0) {
        $undoStep = $undo.Pop()
        try { & $undoStep }
        catch { Write-Warning "Could not undo a step: $($_.Exception.Message)" }
    }
    if ($existing -and -not $NoRestart) {
        try { Start-Service -Name $transportService -ErrorAction Stop } catch { Write-Warning "Could not start $transportService`: $($_.Exception.Message)" }
    }
    throw "ExchangeRules was not installed: failed while $step ($($failure.Exception.Message)). The previous state was restored."
}
finally {
    if ($backup -and (Test-Path -LiteralPath $backup)) { Remove-Item -LiteralPath $backup -Recurse -Force -ErrorAction SilentlyContinue }
}

if ($WhatIfPreference) { return }

$installed = Get-ExistingAgent
if (-not $installed -or -not $installed.Enabled) {
    throw "Get-TransportAgent does not show '$AgentName' as enabled after installation."
}
if (-not $restarted) {
    Write-Warning "Restart $transportService (Restart-Service $transportService) for the agent to take effect, and close this shell: it keeps the agent DLL loaded."
}

[pscustomobject]@{
    Action          = $action
    TargetPath      = $target
    Priority        = [int]$installed.Priority
    Restarted       = $restarted
    OrganizationKey = $keySource
    ExchangeVersion = "$($exchangeVersion.Major).$($exchangeVersion.Minor).$($exchangeVersion.Build)"
}
