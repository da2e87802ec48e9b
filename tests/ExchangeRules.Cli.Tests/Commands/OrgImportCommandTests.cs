using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class OrgImportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-org-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public OrgImportCommandTests()
    {
        System.IO.Directory.CreateDirectory(_folder);
    }

    private string Output => Path.Combine(_folder, "org.xml");

    [Fact]
    public void OrgImport_TheSampleOrganisationsExports_ImportToAnOrganisationEquivalentToTheSampleFile()
    {
        var exit = Run("org", "import", "--on-premises", Sample("export", "organization-OnPremises.json"), "--exchange-online", Sample("export", "organization-ExchangeOnline.json"), "--ldif", Sample("..", "directory", "contoso.ldif"), "--out", Output);

        Assert.True(exit == OrgCommand.Imported, _output.ToString() + _error);
        var expected = OrganizationFile.Load(Sample("contoso-hybrid.xml"));
        var actual = OrganizationFile.Load(Output);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Server, actual.Server);
        Assert.Equal(expected.AcceptedDomains.Select(domain => (domain.Name, domain.Type)), actual.AcceptedDomains.Select(domain => (domain.Name, domain.Type)));
        Assert.Equal(expected.Hybrid!.TenantDomain, actual.Hybrid!.TenantDomain);
        Assert.Equal(expected.Hybrid.CentralizedMailTransport, actual.Hybrid.CentralizedMailTransport);
        Assert.Equal(expected.Hybrid.Mx, actual.Hybrid.Mx);
        Assert.Equal(expected.Hybrid.OutboundConnector, actual.Hybrid.OutboundConnector);
        Assert.Equal(expected.Hybrid.RedirectRule!.Name, actual.Hybrid.RedirectRule!.Name);
        Assert.Equal(expected.Hybrid.RedirectRule.Enabled, actual.Hybrid.RedirectRule.Enabled);
        Assert.Equal(expected.Hybrid.RedirectRule.ExceptIfHeader, actual.Hybrid.RedirectRule.ExceptIfHeader);
        Assert.Equal(expected.Hybrid.RedirectRule.ExceptAddresses, actual.Hybrid.RedirectRule.ExceptAddresses);
        Assert.Equal(Path.GetFullPath(expected.Directory!.LdifPath!), Path.GetFullPath(actual.Directory!.LdifPath!));
        Assert.Equal(Describe(expected), Describe(actual));
        Assert.Contains("note: mailbox Discovery Search Mailbox: primary address DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}@contoso.local is not in an accepted domain; left out", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OrgImport_ImportedSample_GivesTheSameHybridCheckAsTheSampleFile()
    {
        Run("org", "import", "--on-premises", Sample("export", "organization-OnPremises.json"), "--exchange-online", Sample("export", "organization-ExchangeOnline.json"), "--ldif", Sample("..", "directory", "contoso.ldif"), "--out", Output);
        using var sampleOutput = new StringWriter();
        using var importedOutput = new StringWriter();

        var sampleExit = HybridCheck(Sample("contoso-hybrid.xml"), sampleOutput);
        var importedExit = HybridCheck(Output, importedOutput);

        Assert.Equal(sampleExit, importedExit);
        Assert.Equal(Flows(sampleOutput.ToString()), Flows(importedOutput.ToString()));
        Assert.Contains("[ OK ]", importedOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OrgImport_OnPremisesOnlyWithoutDirectory_ListsWhatItCouldNotDetermine()
    {
        var exit = Run("org", "import", "--on-premises", Sample("export", "organization-OnPremises.json"), "--out", Output);

        Assert.Equal(OrgCommand.PartlyDetermined, exit);
        var printed = _output.ToString();
        Assert.Contains("not determined: directory: the exports do not say where rules read directory attributes; give --ldif FILE or --ldap URL (and --base-dn)", printed, StringComparison.Ordinal);
        Assert.Contains("not determined: Exchange Online side: no export given (--exchange-online)", printed, StringComparison.Ordinal);
        var model = OrganizationFile.Load(Output);
        Assert.Equal("contoso.mail.onmicrosoft.com", model.Hybrid!.TenantDomain);
        Assert.False(model.Hybrid.CentralizedMailTransport);
        Assert.Null(model.Hybrid.RedirectRule);
    }

    [Fact]
    public void OrgImport_NoMxAndCentralizedTransportOff_AreReadFromTheExportsAndListed()
    {
        var onPremises = JsonNode.Parse(File.ReadAllText(Sample("export", "organization-OnPremises.json")))!;
        onPremises["Mx"] = new JsonArray();
        var online = JsonNode.Parse(File.ReadAllText(Sample("export", "organization-ExchangeOnline.json")))!;
        online["OutboundConnectors"]![0]!["RouteAllMessagesViaOnPremises"] = false;
        online["TransportRules"]![0]!["State"] = "Disabled";
        var onPremisesPath = Path.Combine(_folder, "on.json");
        var onlinePath = Path.Combine(_folder, "online.json");
        File.WriteAllText(onPremisesPath, onPremises.ToJsonString());
        File.WriteAllText(onlinePath, online.ToJsonString());

        var exit = Run("org", "import", "--on-premises", onPremisesPath, "--exchange-online", onlinePath, "--ldap", "ldap://dc01.contoso.com", "--out", Output);

        Assert.Equal(OrgCommand.PartlyDetermined, exit);
        Assert.Contains("not determined: mx: no MX record in the export (\"Mx\"); written OnPremises", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("note: centralized mail transport: the Hybrid Configuration Wizard's features include CentralizedTransport but the outbound connector's RouteAllMessagesViaOnPremises is False", _output.ToString(), StringComparison.Ordinal);
        var model = OrganizationFile.Load(Output);
        Assert.False(model.Hybrid!.CentralizedMailTransport);
        Assert.False(model.Hybrid.RedirectRule!.Enabled);
        Assert.Equal("DC=contoso,DC=com", model.Directory!.BaseDn);
    }

    [Fact]
    public void OrgImport_ExportOfTheWrongSide_IsRejectedAndNothingIsWritten()
    {
        var exit = Run("org", "import", "--on-premises", Sample("export", "organization-ExchangeOnline.json"), "--out", Output);

        Assert.Equal(OrgCommand.Failed, exit);
        Assert.Contains("\"Side\" is 'ExchangeOnline', expected 'OnPremises'", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private static string[] Describe(OrganizationModel model) => model.Recipients
        .Select(recipient => $"{recipient.Kind} {recipient.PrimaryAddress} '{recipient.DisplayName}' proxies [{string.Join(",", recipient.ProxyAddresses)}] members [{string.Join(",", recipient.Members)}]")
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static string[] Flows(string report) => report.Split('\n')
        .Where(line => line.StartsWith('['))
        .Select(line => line.TrimEnd('\r'))
        .ToArray();

    private static int HybridCheck(string organization, TextWriter output)
    {
        var root = new RootCommand { HybridCheckCommand.Create() };
        return root.Parse(new[] { "hybrid-check", "--org", organization }).Invoke(new InvocationConfiguration { Output = output, Error = output });
    }

    private static string Sample(params string[] parts) => Path.GetFullPath(Path.Combine(new[] { TestRepository.Root, "samples", "org" }.Concat(parts).ToArray()));

    private int Run(params string[] args)
    {
        var root = new RootCommand { OrgCommand.Create() };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
