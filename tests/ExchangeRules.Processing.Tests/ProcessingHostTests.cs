using System;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Tests.Support;
using Xunit;

namespace ExchangeRules.Processing.Tests;

public sealed class ProcessingHostTests : IDisposable
{
    internal const string ValidConfiguration =
        "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\">\n" +
        "  <rules path=\"rules.xml\" />\n" +
        "  <directory><ldap url=\"ldap://127.0.0.1:1\" authentication=\"anonymous\" /></directory>\n" +
        "  <logging folder=\"logs\" />\n" +
        "  <organizationKey value=\"ecxG/essmlwsiTCqZDsKRe+/xdl3M3yKEd+3Q/FV94c=\" />\n" +
        "</agentConfiguration>\n";

    private readonly TemporaryFolder _agent = new();
    private readonly CollectingEventLog _eventLog = new();

    [Fact]
    public void Start_ValidConfiguration_ProcessesWithTheConfiguredRules()
    {
        _agent.Write(AgentConfiguration.FileName, ValidConfiguration);
        var components = new FakeComponents { Plan = FakePlan.AllRecipients(Some.Disclaimer()) };

        using var target = ProcessingHost.Start(_agent.Path, components, _eventLog);
        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.Equal(_agent.Combine("rules.xml"), components.RulesRequested!.Path);
        Assert.Equal(new Uri("ldap://127.0.0.1:1"), components.DirectoryRequested!.LdapUrl);
        Assert.Empty(_eventLog.Entries);
    }

    [Fact]
    public void Start_ValidConfiguration_ReadsTheOrganizationKey()
    {
        _agent.Write(AgentConfiguration.FileName, ValidConfiguration);

        using var target = ProcessingHost.Start(_agent.Path, new FakeComponents(), _eventLog);

        Assert.Equal("ecxG/essmlwsiTCqZDsKRe+/xdl3M3yKEd+3Q/FV94c=", target.OrganizationKey?.ToBase64());
    }

    [Fact]
    public void Start_WithoutOrganizationKey_WarnsThatTheMarkerIsUnsigned()
    {
        _agent.Write(AgentConfiguration.FileName, ValidConfiguration.Replace("  <organizationKey value=\"ecxG/essmlwsiTCqZDsKRe+/xdl3M3yKEd+3Q/FV94c=\" />\n", string.Empty, StringComparison.Ordinal));

        using var target = ProcessingHost.Start(_agent.Path, new FakeComponents(), _eventLog);

        Assert.Null(target.OrganizationKey);
        var warning = Assert.Single(_eventLog.Entries);
        Assert.Equal(4007, warning.EventId);
        Assert.Contains("No organisation key is configured", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OrganizationKeyTooShort_IsAConfigurationErrorAtItsLine()
    {
        var path = _agent.Write(AgentConfiguration.FileName, "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\">\n  <organizationKey value=\"c2hvcnQ=\" />\n</agentConfiguration>\n");

        using var target = ProcessingHost.Start(_agent.Path, new FakeComponents(), _eventLog);

        Assert.Null(target.OrganizationKey);
        Assert.Contains(_eventLog.Entries, entry => entry.Message.Contains(path + ":2:", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_ConfigurationMissing_PassesMailUnchangedAndSaysWhy()
    {
        var components = new FakeComponents { Plan = FakePlan.AllRecipients(Some.Disclaimer()) };

        using (var target = ProcessingHost.Start(_agent.Path, components, _eventLog))
        {
            var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);
            Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        }

        Assert.Null(components.RulesRequested);
        Assert.Contains(_eventLog.Entries, entry => entry.EventId == (int)LogEventId.ConfigurationMissing);
        Assert.Contains(_eventLog.Entries, entry => entry.EventId == (int)LogEventId.NoRules);
        Assert.Contains("does not exist", ReadLog(Path.Combine(_agent.Path, "Logs")), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ConfigurationInvalid_RunsWithNoRulesAndLogsEveryLocatedError()
    {
        var path = _agent.Write(AgentConfiguration.FileName, "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\">\n  <rules />\n  <limits maxMimeDepth=\"0\" />\n</agentConfiguration>\n");
        var components = new FakeComponents { Plan = FakePlan.AllRecipients(Some.Disclaimer()) };

        using (var target = ProcessingHost.Start(_agent.Path, components, _eventLog))
        {
            var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);
            Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        }

        Assert.Null(components.RulesRequested);
        var entry = Assert.Single(_eventLog.Entries, entry => entry.EventId == (int)LogEventId.ConfigurationInvalid);
        Assert.Contains(path + ":2:", entry.Message, StringComparison.Ordinal);
        Assert.Contains(path + ":3:", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_DirectoryDown_RunsWithoutItAndSaysSo()
    {
        _agent.Write(AgentConfiguration.FileName, ValidConfiguration);
        var components = new FakeComponents
        {
            Plan = FakePlan.AllRecipients(Some.Disclaimer()),
            DirectoryFailure = new InvalidOperationException("The LDAP server is unavailable."),
        };

        using var target = ProcessingHost.Start(_agent.Path, components, _eventLog);
        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        var entry = Assert.Single(_eventLog.Entries, entry => entry.EventId == (int)LogEventId.DirectoryUnavailable);
        Assert.Contains("The LDAP server is unavailable.", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RulesCannotBeSetUp_PassesMailUnchanged()
    {
        _agent.Write(AgentConfiguration.FileName, ValidConfiguration);
        var components = new FakeComponents { RulesFailure = new IOException("The network path was not found.") };

        using var target = ProcessingHost.Start(_agent.Path, components, _eventLog);
        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Contains(_eventLog.Entries, entry => entry.EventId == (int)LogEventId.StartupFailure && entry.Message.Contains("network path", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_EditorCannotBeCreated_PassesMailUnchanged()
    {
        _agent.Write(AgentConfiguration.FileName, ValidConfiguration);
        var components = new FakeComponents { Plan = FakePlan.AllRecipients(Some.Disclaimer()), EditorFailure = new FileNotFoundException("MimeKit.dll") };

        using var target = ProcessingHost.Start(_agent.Path, components, _eventLog);
        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Contains(_eventLog.Entries, entry => entry.EventId == (int)LogEventId.StartupFailure);
    }

    [Fact]
    public void Start_LogFolderNotWritable_MailStillFlowsAndTheEventLogSaysWhy()
    {
        var blocker = _agent.Write("blocker", "a file, not a folder");
        _agent.Write(AgentConfiguration.FileName, ValidConfiguration.Replace("folder=\"logs\"", $"folder=\"{blocker}/logs\"", StringComparison.Ordinal));
        var components = new FakeComponents { Plan = FakePlan.AllRecipients(Some.Disclaimer()) };

        using var target = ProcessingHost.Start(_agent.Path, components, _eventLog);
        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.Contains(_eventLog.Entries, entry => entry.Message.Contains("cannot be written", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_EventLogUnavailable_MailStillFlows()
    {
        var components = new FakeComponents();

        using var target = ProcessingHost.Start(_agent.Path, components, new CollectingEventLog { Unavailable = true });
        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
    }

    [Fact]
    public void Start_AgentFolderDoesNotExist_NeverThrows()
    {
        var components = new FakeComponents();

        using var target = ProcessingHost.Start(_agent.Combine("missing", "deeper"), components, _eventLog);

        Assert.Equal(ProcessingOutcome.Unchanged, target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None).Outcome);
    }

    [Fact]
    public void Dispose_Twice_IsHarmless()
    {
        var target = ProcessingHost.Start(_agent.Path, new FakeComponents(), _eventLog);

        target.Dispose();
        var exception = Record.Exception(target.Dispose);

        Assert.Null(exception);
    }

    public void Dispose() => _agent.Dispose();

    private static string ReadLog(string folder) =>
        string.Concat(System.IO.Directory.GetFiles(folder, "ExchangeRules-*.log").Select(File.ReadAllText));
}
