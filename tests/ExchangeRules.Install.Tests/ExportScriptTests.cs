using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ExchangeRules.Install.Tests;

/// <summary>
/// Runs install/Export-TransportRules.ps1 and install/Export-Organization.ps1 under <c>dotnet pwsh</c> against fake
/// cmdlets that return what Exchange returns (enums, DateTime, multi-valued properties), and checks that the JSON has
/// the plain-text shape <c>exrules import transport-rules</c> and <c>exrules org import</c> read.
/// </summary>
public sealed class ExportScriptTests : IClassFixture<ExportScriptTests.ExportRun>
{
    private const string _fakes = """
        enum RuleState { Enabled; Disabled }
        enum DisclaimerLocation { Append; Prepend }
        enum FromUserScope { InOrganization; NotInOrganization }
        enum AcceptedDomainType { Authoritative; ExternalRelay; InternalRelay }
        enum TenantConnectorType { Partner; OnPremises }
        function Get-TransportRule {
            $patterns = [System.Collections.Generic.List[string]]::new(); $patterns.Add('This e-mail is confidential')
            [pscustomobject]@{ Name = 'Legal'; Priority = 1; State = [RuleState]::Enabled; FromScope = [FromUserScope]::InOrganization
                ApplyHtmlDisclaimerText = '<p>%%DisplayName%%</p>'; ApplyHtmlDisclaimerLocation = [DisclaimerLocation]::Append
                ExceptIfSubjectOrBodyMatchesPatterns = $patterns; ActivationDate = [datetime]::new(2026, 12, 20, 8, 0, 0, [DateTimeKind]::Utc)
                RouteMessageOutboundConnector = $null; Conditions = @([pscustomobject]@{ Nested = 1 }) }
            [pscustomobject]@{ Name = 'Warn'; Priority = 0; State = [RuleState]::Disabled; FromScope = [FromUserScope]::NotInOrganization }
        }
        function Get-OrganizationConfig { [pscustomobject]@{ Name = 'Contoso'; DistinguishedName = 'CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com'; IsDehydrated = $false } }
        function Get-AcceptedDomain { [pscustomobject]@{ Name = 'contoso.com'; DomainName = 'contoso.com'; DomainType = [AcceptedDomainType]::Authoritative; Default = $true } }
        function Get-RemoteDomain { [pscustomobject]@{ Name = 'Default'; DomainName = '*'; TargetDeliveryDomain = $false; IsInternal = $false } }
        function Get-SendConnector { [pscustomobject]@{ Name = 'Outbound to Office 365'; AddressSpaces = @('smtp:contoso.mail.onmicrosoft.com;1'); SmartHosts = @('contoso-com.mail.protection.outlook.com'); CloudServicesMailEnabled = $true; Enabled = $true } }
        function Get-ReceiveConnector { [pscustomobject]@{ Identity = 'EX01\Default Frontend EX01'; Bindings = @('0.0.0.0:25'); Enabled = $true } }
        function Get-HybridConfiguration { [pscustomobject]@{ Domains = @('contoso.com'); Features = @('FreeBusy', 'CentralizedTransport') } }
        function Resolve-DnsName { param($Name, $Type, $ErrorAction) [pscustomobject]@{ Type = 'MX'; NameExchange = 'contoso-com.mail.protection.outlook.com'; Preference = 0 } }
        function Get-Mailbox { param($ResultSize) [pscustomobject]@{ PrimarySmtpAddress = 'alice@contoso.com'; DisplayName = 'Alice Wong'; EmailAddresses = @('SMTP:alice@contoso.com', 'smtp:alice.wong@contoso.com'); RecipientTypeDetails = 'UserMailbox' } }
        function Get-RemoteMailbox { param($ResultSize) [pscustomobject]@{ PrimarySmtpAddress = 'carol@contoso.com'; DisplayName = 'Carol Singh'; EmailAddresses = @('SMTP:carol@contoso.com'); RecipientTypeDetails = 'RemoteUserMailbox'; RemoteRoutingAddress = 'SMTP:carol@contoso.mail.onmicrosoft.com' } }
        function Get-DistributionGroup { param($ResultSize) [pscustomobject]@{ Identity = 'All staff'; PrimarySmtpAddress = 'all-staff@contoso.com'; DisplayName = 'All staff'; EmailAddresses = @('SMTP:all-staff@contoso.com'); RecipientTypeDetails = 'MailUniversalDistributionGroup' } }
        function Get-DistributionGroupMember { param($Identity, $ResultSize) [pscustomobject]@{ PrimarySmtpAddress = 'alice@contoso.com' }; [pscustomobject]@{ PrimarySmtpAddress = 'carol@contoso.com' } }
        function Get-InboundConnector { [pscustomobject]@{ Name = 'Inbound from on-premises'; ConnectorType = [TenantConnectorType]::OnPremises; Enabled = $true } }
        function Get-OutboundConnector { [pscustomobject]@{ Name = 'Outbound to Contoso on-premises'; ConnectorType = [TenantConnectorType]::OnPremises; RouteAllMessagesViaOnPremises = $true; Enabled = $true } }
        function Get-Recipient { param($ResultSize) [pscustomobject]@{ PrimarySmtpAddress = 'helpdesk@contoso.com'; DisplayName = 'Helpdesk'; EmailAddresses = @('SMTP:helpdesk@contoso.com'); RecipientTypeDetails = 'SharedMailbox'; IsDirSynced = $false }; [pscustomobject]@{ PrimarySmtpAddress = 'dave@contoso.com'; IsDirSynced = $true } }
        """;

    private readonly ExportRun _run;

    public ExportScriptTests(ExportRun run)
    {
        _run = run;
    }

    [Fact]
    public void ExportTransportRules_WritesEnumsByNameDatesInIso8601AndListsAsArrays()
    {
        using var json = Read("rules.json");
        var rules = json.RootElement.EnumerateArray().ToList();

        Assert.Equal(["Warn", "Legal"], rules.Select(rule => rule.GetProperty("Name").GetString()));
        var legal = rules[1];
        Assert.Equal("Enabled", legal.GetProperty("State").GetString());
        Assert.Equal("InOrganization", legal.GetProperty("FromScope").GetString());
        Assert.Equal("Append", legal.GetProperty("ApplyHtmlDisclaimerLocation").GetString());
        Assert.Equal(1, legal.GetProperty("Priority").GetInt32());
        Assert.Equal("2026-12-20T08:00:00.0000000Z", legal.GetProperty("ActivationDate").GetString());
        Assert.Equal(["This e-mail is confidential"], legal.GetProperty("ExceptIfSubjectOrBodyMatchesPatterns").EnumerateArray().Select(item => item.GetString()));
        Assert.False(legal.TryGetProperty("Conditions", out _));
        Assert.Equal("Disabled", rules[0].GetProperty("State").GetString());
    }

    [Fact]
    public void ExportOrganization_OnPremises_HoldsDomainsConnectorsHybridMxAndRecipients()
    {
        using var json = Read("on.json");
        var root = json.RootElement;

        Assert.Equal("OnPremises", root.GetProperty("Side").GetString());
        Assert.Equal("Contoso", root.GetProperty("OrganizationConfig").GetProperty("Name").GetString());
        Assert.Equal("Authoritative", root.GetProperty("AcceptedDomains")[0].GetProperty("DomainType").GetString());
        Assert.True(root.GetProperty("SendConnectors")[0].GetProperty("CloudServicesMailEnabled").GetBoolean());
        Assert.Contains("CentralizedTransport", root.GetProperty("HybridConfiguration").GetProperty("Features").EnumerateArray().Select(item => item.GetString()));
        Assert.Equal("contoso-com.mail.protection.outlook.com", root.GetProperty("Mx")[0].GetProperty("NameExchange").GetString());
        Assert.Equal("SMTP:carol@contoso.mail.onmicrosoft.com", root.GetProperty("RemoteMailboxes")[0].GetProperty("RemoteRoutingAddress").GetString());
        Assert.Equal(["alice@contoso.com", "carol@contoso.com"], root.GetProperty("DistributionGroups")[0].GetProperty("Members").EnumerateArray().Select(item => item.GetString()));
    }

    [Fact]
    public void ExportOrganization_ExchangeOnline_HoldsConnectorsRulesAndOnlyCloudOnlyRecipients()
    {
        using var json = Read("online.json");
        var root = json.RootElement;

        Assert.Equal("ExchangeOnline", root.GetProperty("Side").GetString());
        Assert.Equal("OnPremises", root.GetProperty("OutboundConnectors")[0].GetProperty("ConnectorType").GetString());
        Assert.True(root.GetProperty("OutboundConnectors")[0].GetProperty("RouteAllMessagesViaOnPremises").GetBoolean());
        Assert.Equal(["Legal", "Warn"], root.GetProperty("TransportRules").EnumerateArray().Select(rule => rule.GetProperty("Name").GetString()).Order());
        Assert.Equal(["helpdesk@contoso.com"], root.GetProperty("CloudOnlyRecipients").EnumerateArray().Select(recipient => recipient.GetProperty("PrimarySmtpAddress").GetString()));
    }

    private JsonDocument Read(string name)
    {
        var path = Path.Combine(_run.Folder, name);
        Assert.True(File.Exists(path), _run.Log);
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    /// <summary>One pwsh run of the three exports for all the tests (starting PowerShell is the slow part).</summary>
    public sealed class ExportRun : IDisposable
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "exrules-export-" + Guid.NewGuid().ToString("N"));

        public ExportRun()
        {
            Directory.CreateDirectory(Folder);
            var install = Path.Combine(PowerShellScenario.RepositoryRoot, "install");
            var script = _fakes + Environment.NewLine
                + $"& {PowerShellScenario.Quote(Path.Combine(install, "Export-TransportRules.ps1"))} -Path {PowerShellScenario.Quote(Path.Combine(Folder, "rules.json"))}" + Environment.NewLine
                + $"& {PowerShellScenario.Quote(Path.Combine(install, "Export-Organization.ps1"))} -Side OnPremises -Path {PowerShellScenario.Quote(Path.Combine(Folder, "on.json"))}" + Environment.NewLine
                + $"& {PowerShellScenario.Quote(Path.Combine(install, "Export-Organization.ps1"))} -Side ExchangeOnline -Path {PowerShellScenario.Quote(Path.Combine(Folder, "online.json"))}" + Environment.NewLine;
            var file = Path.Combine(Folder, "run.ps1");
            File.WriteAllText(file, script);
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = PowerShellScenario.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", file })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            Log = stdout.Result + stderr.Result;
        }

        public string Log { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
