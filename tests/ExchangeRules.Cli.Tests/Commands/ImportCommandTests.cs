using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Mime;
using ExchangeRules.Templates;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class ImportCommandTests : IDisposable
{
    private static readonly XNamespace _ns = "urn:exchangerules:rules:v1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-import-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private string Output => Path.Combine(_folder, "rules.xml");

    [Fact]
    public void Import_RealisticExport_WritesAValidRulesFileInExchangePriorityOrder()
    {
        var exit = Run("import", "transport-rules", Fixture("transport-rules.json"), "--out", Output);

        Assert.Equal(ImportCommand.PartlyImported, exit);
        Assert.Empty(_error.ToString());
        _ = RuleSetLoader.Load(Output, new FluidTemplateCompiler());
        var names = XDocument.Load(Output).Root!.Elements(_ns + "rule").Select(rule => (string?)rule.Attribute("name")).ToList();
        Assert.Equal(
            ["External sender warning", "Legal disclaimer for external recipients", "Sales quotes to the archive", "Large attachments to partners", "Holiday notice", "Marketing tag", "Plain ConvertTo-Json export"],
            names);
    }

    [Fact]
    public void Import_DisclaimerActions_KeepTextTokensPlacementAndFallback()
    {
        Run("import", "transport-rules", Fixture("transport-rules.json"), "--out", Output);

        var document = XDocument.Load(Output);
        var legal = Rule(document, "Legal disclaimer for external recipients");
        var disclaimer = legal.Descendants(_ns + "addDisclaimer").Single();
        Assert.Equal("bottom", (string?)disclaimer.Attribute("placement"));
        var template = document.Descendants(_ns + "template").Single(element => (string?)element.Attribute("name") == (string?)disclaimer.Attribute("template"));
        Assert.StartsWith("<p style=\"font-size:9pt;color:#666666\">%%DisplayName%% | %%Title%% | %%Company%%<br>", template.Element(_ns + "html")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("%%DisplayName%% | %%Title%% | %%Company%%\nThis e-mail", template.Element(_ns + "text")!.Value, StringComparison.Ordinal);
        Assert.Equal("wrap", (string?)legal.Descendants(_ns + "specialMessages").Single().Attribute("signedOrEncrypted"));
        Assert.Equal("failClosed", (string?)legal.Element(_ns + "options")!.Attribute("onFailure"));
        Assert.Equal("Requested by Legal, ticket 4711.", legal.Element(_ns + "description")!.Value);

        var warning = Rule(document, "External sender warning");
        Assert.Equal("top", (string?)warning.Descendants(_ns + "addBanner").Single().Attribute("placement"));
        Assert.Empty(warning.Descendants(_ns + "specialMessages"));
        Assert.Equal("[EXTERNAL]", warning.Descendants(_ns + "prependSubject").Single().Value);
        Assert.Equal("true", warning.Descendants(_ns + "setHeader").Single(header => (string?)header.Attribute("name") == "X-Contoso-External").Value);
        Assert.Equal("northwind.example", warning.Element(_ns + "exceptions")!.Element(_ns + "senderDomain")!.Value);
    }

    [Fact]
    public void Import_EveryPartThatDoesNotMap_IsListedPerRuleWithItsReason()
    {
        Run("import", "transport-rules", Fixture("transport-rules.json"), "--out", Output);

        var report = _output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Contains("[0] External sender warning: imported", report);
        Assert.Contains("[4] Block executable attachments: not imported", report);
        Assert.Contains("    not imported: RejectMessageReasonText = Executable attachments are not allowed.: ExchangeRules has no equivalent", report);
        Assert.Contains("    not imported: RejectMessageEnhancedStatusCode = 5.7.1: ExchangeRules has no equivalent", report);
        Assert.Contains("[3] Large attachments to partners: imported, disabled", report);
        Assert.Contains(report, line => line.StartsWith("    not imported: SentToScope = ExternalPartner: ExchangeRules knows inside and outside only", StringComparison.Ordinal));
        Assert.Contains("    not imported: ExceptIfFrom = Helpdesk: a recipient identity that is not an SMTP address (a name, alias or DN) cannot be resolved offline; write the SMTP address", report);
        Assert.Contains(report, line => line.Contains("ApplyHtmlDisclaimerText = <p>%%Titel%% at Contoso Marketing</p>: the text does not compile as a template", StringComparison.Ordinal) && line.Contains("unknown Exchange token '%%Titel%%'", StringComparison.Ordinal));
        Assert.Contains("    not imported: SetAuditSeverity = Medium: ExchangeRules has no equivalent", report);
        Assert.Contains("    not imported: FromScope = 1: the value is a number: export with install/Export-TransportRules.ps1, which writes enum values by name", report);
        Assert.Contains("    note: Mode = Audit: Exchange only tests this rule (no action is taken); written disabled. Check it with exrules test, then enable it", report);
        Assert.DoesNotContain(report, line => line.Contains("Guid", StringComparison.Ordinal) || line.Contains("DistinguishedName", StringComparison.Ordinal) || line.Contains("Comments", StringComparison.Ordinal));
        Assert.Contains(report, line => line.EndsWith("7 of 8 rule(s) written; 5 need attention (not imported, disabled or with parts not imported).", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_RuleWithAConditionThatDoesNotMap_IsWrittenDisabledSoItNeverActsMoreWidelyThanInExchange()
    {
        Run("import", "transport-rules", Fixture("transport-rules.json"), "--out", Output);

        var document = XDocument.Load(Output);
        Assert.Equal("false", (string?)Rule(document, "Large attachments to partners").Attribute("enabled"));
        Assert.Equal("10485760", Rule(document, "Large attachments to partners").Descendants(_ns + "attachmentSizeOver").Single().Value);
        Assert.Equal("false", (string?)Rule(document, "Marketing tag").Attribute("enabled"));
        Assert.Equal("department", (string?)Rule(document, "Marketing tag").Descendants(_ns + "senderAttribute").Single().Attribute("name"));
        Assert.Null(Rule(document, "Sales quotes to the archive").Attribute("enabled"));
        var holiday = Rule(document, "Holiday notice").Descendants(_ns + "schedule").Single();
        Assert.Equal("2026-12-19T23:00:00", (string?)holiday.Attribute("from"));
        Assert.Equal("2027-01-01T23:00:00", (string?)holiday.Attribute("until"));
    }

    /// <summary>
    /// The decisions Exchange makes on the table of messages in TestData/Import/exchange-decisions.json (each case
    /// states Microsoft's documented rule semantics it follows) hold for the imported rules.
    /// </summary>
    [Fact]
    public void Import_ImportedRules_DecideAsExchangeDoesOnTheTableOfMessages()
    {
        Assert.Equal(ImportCommand.PartlyImported, Run("import", "transport-rules", Fixture("transport-rules.json"), "--out", Output));

        var exit = Run("test", "--rules", Output, "--org", SampleOrganization(), Fixture("exchange-decisions.json"));

        Assert.True(exit == TestCommand.Passed, _output.ToString() + _error);
        Assert.Contains("8 case(s): 8 passed, 0 failed.", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ExportWhereEverythingMaps_ExitsZero()
    {
        System.IO.Directory.CreateDirectory(_folder);
        var export = Path.Combine(_folder, "one.json");
        File.WriteAllText(export, """
            {
              "Name": "Tag external", "Priority": 0, "State": "Enabled", "Mode": "Enforce",
              "SentToScope": "NotInOrganization", "ExceptIfSubjectContainsWords": ["[EXT]"],
              "SenderAddressLocation": "HeaderOrEnvelope", "ExceptIfFromAddressMatchesPatterns": ["^noreply@"],
              "PrependSubject": "[EXT] ", "BlindCopyTo": ["audit@contoso.com"], "StopRuleProcessing": true,
              "Guid": "5a1e2c3d-0000-4000-8000-000000000001"
            }
            """);

        var exit = Run("import", "transport-rules", export, "--out", Output);

        Assert.Equal(ImportCommand.Imported, exit);
        var rule = Rule(XDocument.Load(Output), "Tag external");
        Assert.Equal("headerOrEnvelope", (string?)rule.Descendants(_ns + "senderAddress").Single().Attribute("location"));
        Assert.Equal("true", (string?)rule.Element(_ns + "options")!.Attribute("stopProcessing"));
        Assert.Equal("audit@contoso.com", rule.Descendants(_ns + "addBcc").Single().Value);
    }

    [Fact]
    public void Import_OutputExists_IsRefusedWithoutForce()
    {
        System.IO.Directory.CreateDirectory(_folder);
        File.WriteAllText(Output, "keep me");

        var exit = Run("import", "transport-rules", Fixture("transport-rules.json"), "--out", Output);

        Assert.Equal(ImportCommand.Failed, exit);
        Assert.Equal("keep me", File.ReadAllText(Output));
        Assert.Contains("give --force", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_NotJson_IsReportedWithItsLocationAndNothingIsWritten()
    {
        System.IO.Directory.CreateDirectory(_folder);
        var export = Path.Combine(_folder, "list.txt");
        File.WriteAllText(export, "Name          State   Mode\n----          -----   ----\nLegal         Enabled Enforce\n");

        var exit = Run("import", "transport-rules", export, "--out", Output);

        Assert.Equal(ImportCommand.Failed, exit);
        Assert.StartsWith(export + ":1:1: not the JSON of Get-TransportRule", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    private static XElement Rule(XDocument document, string name) =>
        document.Root!.Elements(_ns + "rule").Single(rule => (string?)rule.Attribute("name") == name);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Import", name);

    private static string SampleOrganization() => Path.Combine(TestRepository.Root, "samples", "org", "contoso-hybrid.xml");

    private int Run(params string[] args)
    {
        var root = new RootCommand { ImportCommand.Create(), TestCommand.Create(() => new MimeMessageEditor()) };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
