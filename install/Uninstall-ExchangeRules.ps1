<#
.SYNOPSIS
    Removes the ExchangeRules transport agent from this Exchange server.

.DESCRIPTION
    Run in the Exchange Management Shell (as administrator) on a Mailbox or Edge Transport server (the
    agent is removed from that server's Transport service: -TransportService Hub or Edge). Disables and uninstalls the agent, then restarts
    MSExchangeTransport unless -NoRestart. By default the files stay where they are; -RemoveFiles deletes the
    program files but keeps the configuration, rules, last-good cache and logs; -RemoveData deletes those too
    and unregisters the event log source. Running it again when the agent is already gone does nothing.
    -WhatIf shows the plan without changing anything.

.PARAMETER TargetPath
    Where the agent is installed. Default: $env:ExchangeInstallPath\TransportRoles\agents\ExchangeRules.

.EXAMPLE
    .\Uninstall-ExchangeRules.ps1 -RemoveFiles
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $TargetPath,
    [switch] $NoRestart,
    [switch] $RemoveFiles,
    [switch] $RemoveData,
    [ValidateLength(1, 64)]
    [string] $AgentName = 'ExchangeRules',
    [string] $EventLogSource = 'ExchangeRules'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$preservedFiles = @('ExchangeRules.config.xml')
$preservedFolders = @('Rules', 'LastGood', 'Logs')
$transportService = 'MSExchangeTransport'

if (-not $TargetPath) {
    if (-not $env:ExchangeInstallPath) {
        throw 'ExchangeInstallPath is not set: run this script on an Exchange server, in the Exchange Management Shell, or pass -TargetPath.'
    }
    $TargetPath = Join-Path $env:ExchangeInstallPath 'TransportRoles\agents\ExchangeRules'
}
$target = [System.IO.Path]::GetFullPath($TargetPath)

# The transport agent cmdlets name the service: Hub on a Mailbox server, Edge on an Edge Transport server.
$server = Get-ExchangeServer -Identity $env:COMPUTERNAME -ErrorAction Stop
$agentService = if ($server.IsEdgeServer) { 'Edge' } else { 'Hub' }

$agent = @(Get-TransportAgent -TransportService $agentService -ErrorAction Stop) | Where-Object { $_.Identity -eq $AgentName } | Select-Object -First 1
$removedAgent = $false
$restarted = $false

if ($agent) {
    if ($agent.Enabled -and $PSCmdlet.ShouldProcess($AgentName, 'Disable-TransportAgent')) {
        Disable-TransportAgent -Identity $AgentName -TransportService $agentService -Confirm:$false -ErrorAction Stop
    }
    if ($PSCmdlet.ShouldProcess($AgentName, 'Uninstall-TransportAgent')) {
        Uninstall-TransportAgent -Identity $AgentName -TransportService $agentService -Confirm:$false -ErrorAction Stop
        $removedAgent = $true
    }
    if (-not $NoRestart -and $PSCmdlet.ShouldProcess($transportService, 'Restart-Service')) {
        Restart-Service -Name $transportService -ErrorAction Stop
        $restarted = $true
    }
}
else {
    Write-Verbose "The transport agent '$AgentName' is not installed."
}

$removedFiles = $false
if (($RemoveFiles -or $RemoveData) -and (Test-Path -LiteralPath $target)) {
    if ($agent -and -not $restarted -and -not $WhatIfPreference) {
        Write-Warning "$transportService was not restarted, so it may still hold the agent files open; removing them may fail until it restarts."
    }
    $root = $target.TrimEnd('\', '/')
    foreach ($item in @(Get-ChildItem -LiteralPath $target -Force)) {
        $relative = $item.FullName.Substring($root.Length).TrimStart('\', '/')
        $isData = ($preservedFolders -contains $relative) -or ($preservedFiles -contains $relative)
        if ($isData -and -not $RemoveData) { continue }
        if ($PSCmdlet.ShouldProcess($item.FullName, 'Remove')) {
            Remove-Item -LiteralPath $item.FullName -Recurse -Force -ErrorAction Stop
            $removedFiles = $true
        }
    }
    if ($RemoveData -and (@(Get-ChildItem -LiteralPath $target -Force).Count -eq 0) -and $PSCmdlet.ShouldProcess($target, 'Remove the empty folder')) {
        Remove-Item -LiteralPath $target -Force -ErrorAction Stop
    }
}

if ($RemoveData -and (Test-Path -LiteralPath "HKLM:\SYSTEM\CurrentControlSet\Services\EventLog\Application\$EventLogSource") -and $PSCmdlet.ShouldProcess($EventLogSource, 'Remove-EventLog -Source')) {
    Remove-EventLog -Source $EventLogSource -ErrorAction Stop
}

if ($WhatIfPreference) { return }

[pscustomobject]@{
    AgentRemoved = $removedAgent
    FilesRemoved = $removedFiles
    Restarted    = $restarted
    TargetPath   = $target
}
