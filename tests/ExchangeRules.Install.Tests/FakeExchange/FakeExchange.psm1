# A fake Exchange Management Shell for testing the install scripts under `dotnet pwsh`.
# Functions named like the Exchange cmdlets (and the few Windows-only commands the scripts use) keep a
# transport agent table in memory, record every call with its parameters, and fail when told to.

$script:State = $null

function Reset-FakeExchange {
    param(
        [int] $Major = 15,
        [int] $Minor = 2,
        [int] $Build = 1544,
        [bool] $IsHubTransportServer = $true,
        [bool] $IsEdgeServer = $false,
        [int] $DotNetRelease = 533320
    )
    # An Edge Transport server has no Mailbox role: its only Transport service is the Edge one.
    $script:State = [pscustomobject]@{
        Version              = [pscustomobject]@{ Major = $Major; Minor = $Minor; Build = $Build; Revision = 0 }
        IsHubTransportServer = $IsHubTransportServer -and -not $IsEdgeServer
        IsEdgeServer         = $IsEdgeServer
        DotNetRelease        = $DotNetRelease
        Agents               = [System.Collections.Generic.List[object]]::new()
        Calls                = [System.Collections.Generic.List[object]]::new()
        Failures             = @{}
        ServiceRunning       = $true
    }
    Reset-FakeRegistry
}

# Off Windows there is no registry: an HKLM: drive over a temp folder stands in for it, so that the
# scripts' Test-Path checks of event log sources see what New-EventLog and Remove-EventLog did.
function Reset-FakeRegistry {
    if ($IsWindows) { return }
    $root = Join-Path ([System.IO.Path]::GetTempPath()) ('fake-hklm-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $root -Force | Out-Null
    if (Get-PSDrive -Name HKLM -ErrorAction SilentlyContinue) { Remove-PSDrive -Name HKLM -Scope Global -Force }
    New-PSDrive -Name HKLM -PSProvider FileSystem -Root $root -Scope Global | Out-Null
}

function Get-EventSourceKey {
    param([string] $Source)
    "HKLM:\SYSTEM\CurrentControlSet\Services\EventLog\Application\$Source"
}

function Add-FakeTransportAgent {
    param([string] $Identity, [bool] $Enabled = $true, [string] $TransportAgentFactory = '', [string] $AssemblyPath = '')
    $script:State.Agents.Add([pscustomobject]@{
            Identity              = $Identity
            Enabled               = $Enabled
            Priority              = $script:State.Agents.Count + 1
            TransportAgentFactory = $TransportAgentFactory
            AssemblyPath          = $AssemblyPath
        })
}

function Set-FakeExchangeFailure {
    # Fails the next $Count calls of $Command (all of them when $Count is 0).
    param([string] $Command, [string] $Message = 'The fake Exchange server refused.', [int] $Count = 0)
    $script:State.Failures[$Command] = [pscustomobject]@{ Message = $Message; Remaining = $Count }
}

function Clear-FakeExchangeCalls { $script:State.Calls.Clear() }

function Clear-FakeExchangeFailure {
    param([string] $Command)
    $script:State.Failures.Remove($Command)
}

function Get-FakeExchangeState { $script:State }

function Get-FakeExchangeCalls { $script:State.Calls.ToArray() }

function Register-FakeCall {
    param([string] $Command, [hashtable] $Parameters)
    $recorded = [ordered]@{}
    foreach ($key in $Parameters.Keys) { $recorded[$key] = "$($Parameters[$key])" }
    $script:State.Calls.Add([pscustomobject]@{ Command = $Command; Parameters = [pscustomobject]$recorded })
    if ($script:State.Failures.ContainsKey($Command)) {
        $failure = $script:State.Failures[$Command]
        if ($failure.Remaining -eq 1) { $script:State.Failures.Remove($Command) }
        elseif ($failure.Remaining -gt 1) { $failure.Remaining-- }
        throw $failure.Message
    }
}

# The transport agent cmdlets act on one Transport service (-TransportService, default Hub): Hub is the Transport
# service of a Mailbox server, Edge the one of an Edge Transport server (Install-TransportAgent documentation). The
# fake refuses the service the server does not run; the wording of the error is the fake's own.
function Assert-FakeTransportService {
    param([hashtable] $Parameters)
    $requested = if ($Parameters.ContainsKey('TransportService')) { [string]$Parameters['TransportService'] } else { 'Hub' }
    $available = if ($script:State.IsEdgeServer) { 'Edge' } else { 'Hub' }
    if ($requested -ne $available) {
        throw "The $requested transport service isn't available on this server; it runs the $available transport service."
    }
}

function Find-FakeAgent {
    param([string] $Identity)
    $agent = $script:State.Agents | Where-Object { $_.Identity -eq $Identity } | Select-Object -First 1
    if (-not $agent) { throw "The transport agent '$Identity' wasn't found." }
    $agent
}

function Set-FakeAgentPriority {
    param([object] $Agent, [int] $Priority)
    if ($Priority -lt 1 -or $Priority -gt $script:State.Agents.Count) {
        throw "Priority must be between 1 and $($script:State.Agents.Count)."
    }
    $script:State.Agents.Remove($Agent) | Out-Null
    $script:State.Agents.Insert($Priority - 1, $Agent)
    for ($i = 0; $i -lt $script:State.Agents.Count; $i++) { $script:State.Agents[$i].Priority = $i + 1 }
}

function Get-ExchangeServer {
    [CmdletBinding()]
    param([string] $Identity)
    Register-FakeCall 'Get-ExchangeServer' $PSBoundParameters
    [pscustomobject]@{
        Name                 = $Identity
        AdminDisplayVersion  = $script:State.Version
        IsHubTransportServer = $script:State.IsHubTransportServer
        IsEdgeServer         = $script:State.IsEdgeServer
    }
}

function Get-TransportAgent {
    [CmdletBinding()]
    param([string] $Identity, [string] $TransportService)
    Register-FakeCall 'Get-TransportAgent' $PSBoundParameters
    Assert-FakeTransportService $PSBoundParameters
    $agents = $script:State.Agents | ForEach-Object { $_.PSObject.Copy() }
    if ($Identity) { $agents | Where-Object { $_.Identity -eq $Identity } } else { $agents }
}

function Install-TransportAgent {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Name, [string] $TransportAgentFactory, [string] $AssemblyPath, [string] $TransportService)
    Register-FakeCall 'Install-TransportAgent' $PSBoundParameters
    Assert-FakeTransportService $PSBoundParameters
    if ($script:State.Agents | Where-Object { $_.Identity -eq $Name }) { throw "The transport agent '$Name' already exists." }
    if (-not (Test-Path -LiteralPath $AssemblyPath)) { throw "The assembly '$AssemblyPath' doesn't exist." }
    Add-FakeTransportAgent -Identity $Name -Enabled $false -TransportAgentFactory $TransportAgentFactory -AssemblyPath $AssemblyPath
    Find-FakeAgent $Name
}

function Uninstall-TransportAgent {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Identity, [string] $TransportService)
    Register-FakeCall 'Uninstall-TransportAgent' $PSBoundParameters
    Assert-FakeTransportService $PSBoundParameters
    $agent = Find-FakeAgent $Identity
    $script:State.Agents.Remove($agent) | Out-Null
    for ($i = 0; $i -lt $script:State.Agents.Count; $i++) { $script:State.Agents[$i].Priority = $i + 1 }
}

function Enable-TransportAgent {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Identity, [string] $TransportService)
    Register-FakeCall 'Enable-TransportAgent' $PSBoundParameters
    Assert-FakeTransportService $PSBoundParameters
    (Find-FakeAgent $Identity).Enabled = $true
}

function Disable-TransportAgent {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Identity, [string] $TransportService)
    Register-FakeCall 'Disable-TransportAgent' $PSBoundParameters
    Assert-FakeTransportService $PSBoundParameters
    (Find-FakeAgent $Identity).Enabled = $false
}

function Set-TransportAgent {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Identity, [int] $Priority, [string] $TransportService)
    Register-FakeCall 'Set-TransportAgent' $PSBoundParameters
    Assert-FakeTransportService $PSBoundParameters
    Set-FakeAgentPriority -Agent (Find-FakeAgent $Identity) -Priority $Priority
}

function Restart-Service {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Name)
    Register-FakeCall 'Restart-Service' $PSBoundParameters
    $script:State.ServiceRunning = $true
}

function Stop-Service {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Name)
    Register-FakeCall 'Stop-Service' $PSBoundParameters
    $script:State.ServiceRunning = $false
}

function Start-Service {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string] $Name)
    Register-FakeCall 'Start-Service' $PSBoundParameters
    $script:State.ServiceRunning = $true
}

function New-EventLog {
    [CmdletBinding()]
    param([string] $LogName, [string] $Source)
    Register-FakeCall 'New-EventLog' $PSBoundParameters
    if (-not $IsWindows) { New-Item -ItemType Directory -Path (Get-EventSourceKey $Source) -Force | Out-Null }
}

function Remove-EventLog {
    [CmdletBinding()]
    param([string] $Source)
    Register-FakeCall 'Remove-EventLog' $PSBoundParameters
    if (-not $IsWindows) { Remove-Item -Path (Get-EventSourceKey $Source) -Recurse -Force }
}

function Unblock-File {
    [CmdletBinding()]
    param([Parameter(ValueFromPipelineByPropertyName = $true)][Alias('FullName')][string] $Path)
    process { Register-FakeCall 'Unblock-File' @{ Path = $Path } }
}

# icacls.exe is Windows-only: the fake records the path and the grants (a function wins over a native command).
function icacls {
    $path = $args[0]
    $rest = @($args | Select-Object -Skip 1) -join ' '
    Register-FakeCall 'icacls' @{ Path = $path; Arguments = $rest }
    $global:LASTEXITCODE = 0
}

function Get-ItemPropertyValue {
    [CmdletBinding()]
    param([string] $LiteralPath, [string] $Name)
    Register-FakeCall 'Get-ItemPropertyValue' $PSBoundParameters
    if ($LiteralPath -like 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -and $Name -eq 'Release') {
        return $script:State.DotNetRelease
    }
    throw "The fake registry has no value '$Name' at '$LiteralPath'."
}

Reset-FakeExchange
Export-ModuleMember -Function *
