<#
.SYNOPSIS
    Exports the organisation's mail-flow configuration for `exrules org import` (and then `exrules hybrid-check`).

.DESCRIPTION
    Run twice, once per side, and give both files to `exrules org import`:

      -Side OnPremises      in the Exchange Management Shell on an on-premises server: Get-OrganizationConfig,
                            Get-AcceptedDomain, Get-RemoteDomain, Get-SendConnector, Get-ReceiveConnector,
                            Get-HybridConfiguration, the MX records of the accepted domains (Resolve-DnsName), and
                            the recipients the on-premises directory knows (Get-Mailbox, Get-RemoteMailbox,
                            Get-DistributionGroup with Get-DistributionGroupMember).
      -Side ExchangeOnline  after Connect-ExchangeOnline: Get-AcceptedDomain, Get-InboundConnector,
                            Get-OutboundConnector, Get-TransportRule and the cloud-only recipients
                            (Get-Recipient where IsDirSynced is false).

    Every value is written as plain text (enum names, ISO 8601 dates, arrays of strings), so Windows PowerShell
    5.1's ConvertTo-Json writes no numbers for enums. The script only reads. The files hold addresses and
    connector names; treat them like the configuration itself.

.PARAMETER Side
    OnPremises or ExchangeOnline.

.PARAMETER Path
    The JSON file to write. Default: organization-<Side>.json in the current folder.

.PARAMETER NoRecipients
    Leave the recipients out (large organisations; hybrid-check then knows no mailbox by name).

.EXAMPLE
    .\Export-Organization.ps1 -Side OnPremises
    Connect-ExchangeOnline; .\Export-Organization.ps1 -Side ExchangeOnline
    exrules org import --on-premises organization-OnPremises.json --exchange-online organization-ExchangeOnline.json --out org.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('OnPremises', 'ExchangeOnline')]
    [string] $Side,
    [string] $Path = (Join-Path (Get-Location) "organization-$Side.json"),
    [switch] $NoRecipients
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

. (Join-Path $PSScriptRoot 'ExportValues.ps1')

function ConvertTo-Plain {
    param([Parameter(ValueFromPipeline = $true)] $InputObject, [string[]] $Property)
    process {
        $plain = [ordered] @{}
        foreach ($name in $Property) {
            $member = $InputObject.PSObject.Properties[$name]
            $plain[$name] = if ($member) { ConvertTo-PlainValue $member.Value } else { $null }
        }
        [pscustomobject] $plain
    }
}

$recipientProperties = 'PrimarySmtpAddress', 'DisplayName', 'EmailAddresses', 'RecipientTypeDetails'
$export = [ordered] @{ Side = $Side; ExportedAt = (Get-Date).ToUniversalTime().ToString('o') }

if ($Side -eq 'OnPremises') {
    $export.Server = [System.Net.Dns]::GetHostEntry('').HostName
    $export.OrganizationConfig = Get-OrganizationConfig | ConvertTo-Plain -Property Name, DistinguishedName, IsDehydrated
    $export.AcceptedDomains = @(Get-AcceptedDomain | ConvertTo-Plain -Property Name, DomainName, DomainType, Default)
    $export.RemoteDomains = @(Get-RemoteDomain | ConvertTo-Plain -Property Name, DomainName, TargetDeliveryDomain, IsInternal)
    $export.SendConnectors = @(Get-SendConnector | ConvertTo-Plain -Property Name, AddressSpaces, SmartHosts, DNSRoutingEnabled, Enabled, CloudServicesMailEnabled, RequireTLS, TlsDomain, SourceTransportServers)
    $export.ReceiveConnectors = @(Get-ReceiveConnector | ConvertTo-Plain -Property Identity, Bindings, RemoteIPRanges, PermissionGroups, AuthMechanism, TlsDomainCapabilities, Enabled)
    $export.HybridConfiguration = Get-HybridConfiguration | ConvertTo-Plain -Property Domains, Features, OnPremisesSmartHost, SendingTransportServers, ReceivingTransportServers, TlsCertificateName
    $export.Mx = @($export.AcceptedDomains | ForEach-Object {
        $domain = $_.DomainName
        try {
            Resolve-DnsName -Name $domain -Type MX -ErrorAction Stop | Where-Object { $_.Type -eq 'MX' } |
                ForEach-Object { [pscustomobject] @{ Domain = $domain; NameExchange = $_.NameExchange; Preference = $_.Preference } }
        }
        catch { [pscustomobject] @{ Domain = $domain; NameExchange = $null; Preference = $null; Error = $_.Exception.Message } }
    })
    if (-not $NoRecipients) {
        $export.Mailboxes = @(Get-Mailbox -ResultSize Unlimited | ConvertTo-Plain -Property $recipientProperties)
        $export.RemoteMailboxes = @(Get-RemoteMailbox -ResultSize Unlimited | ConvertTo-Plain -Property ($recipientProperties + 'RemoteRoutingAddress'))
        $export.DistributionGroups = @(Get-DistributionGroup -ResultSize Unlimited | ForEach-Object {
            $group = $_ | ConvertTo-Plain -Property $recipientProperties
            $members = @(Get-DistributionGroupMember -Identity $_.Identity -ResultSize Unlimited | ForEach-Object { [string] $_.PrimarySmtpAddress } | Where-Object { $_ })
            $group | Add-Member -NotePropertyName Members -NotePropertyValue $members -PassThru
        })
    }
}
else {
    $export.AcceptedDomains = @(Get-AcceptedDomain | ConvertTo-Plain -Property Name, DomainName, DomainType, Default)
    $export.InboundConnectors = @(Get-InboundConnector | ConvertTo-Plain -Property Name, ConnectorType, SenderDomains, SenderIPAddresses, TlsSenderCertificateName, RequireTls, Enabled)
    $export.OutboundConnectors = @(Get-OutboundConnector | ConvertTo-Plain -Property Name, ConnectorType, RecipientDomains, SmartHosts, RouteAllMessagesViaOnPremises, UseMXRecord, IsTransportRuleScoped, Enabled)
    $export.TransportRules = @(Get-TransportRule | ConvertTo-Plain -Property Name, State, Mode, Priority, RouteMessageOutboundConnector, FromScope, SentToScope, ExceptIfFrom, ExceptIfSentTo, ExceptIfHeaderMatchesMessageHeader, ExceptIfHeaderMatchesPatterns, ExceptIfHeaderContainsMessageHeader, ExceptIfHeaderContainsWords)
    if (-not $NoRecipients) {
        $export.CloudOnlyRecipients = @(Get-Recipient -ResultSize Unlimited | Where-Object { -not $_.IsDirSynced } | ConvertTo-Plain -Property $recipientProperties)
        # Forwarding set on Exchange Online mailboxes: whether a forwarded copy crosses on-premises is a flow of its own.
        if (Get-Command Get-Mailbox -ErrorAction SilentlyContinue) {
            $export.MailboxForwarding = @(Get-Mailbox -ResultSize Unlimited | Where-Object { ($_.PSObject.Properties.Name -contains 'ForwardingSmtpAddress' -and $_.ForwardingSmtpAddress) -or ($_.PSObject.Properties.Name -contains 'ForwardingAddress' -and $_.ForwardingAddress) } | ConvertTo-Plain -Property PrimarySmtpAddress, ForwardingSmtpAddress, ForwardingAddress, DeliverToMailboxAndForward)
        }
    }
}

ConvertTo-Json -InputObject ([pscustomobject] $export) -Depth 6 | Set-Content -LiteralPath $Path -Encoding UTF8
Write-Host "$Side configuration written to $Path"
