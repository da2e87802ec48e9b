using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ExchangeRules.Cli.Commands;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class ApplyCommandTests : IDisposable
{
    private static readonly string[] _applyVerb = { "apply" };

    private readonly string _out = Path.Combine(Path.GetTempPath(), "exrules-apply-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Apply_MessageToOutside_WritesTheEditedMessageAndPrintsTheTrace()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--sender-authenticated", "--out", _out, Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Contains("Subject: [OUT] Numbers", File.ReadAllText(Path.Combine(_out, "outgoing.eml")), StringComparison.Ordinal);
        var printed = _output.ToString();
        Assert.Contains("copy 1 to bob@fabrikam.com: Changed", printed, StringComparison.Ordinal);
        Assert.Contains("rule Tag mail to outside recipients: applied", printed, StringComparison.Ordinal);
        Assert.Contains("action prepend to subject [OUT] of rule Tag mail to outside recipients: Applied", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NoRuleApplies_WritesTheMessageUnchangedByteForByteExceptTheProcessedMarker()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--sender-authenticated", "--out", _out, Fixture("internal.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        var original = File.ReadAllText(Fixture("internal.eml"));
        var headerEnd = original.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 2;
        var expected = original.Insert(headerEnd, "X-ExchangeRules-Processed: processed\r\n");
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_out, "internal.eml")));
        Assert.Contains("rule Tag mail to outside recipients: not applied", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownOrigin_TreatsTheSenderAsOutside()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--out", _out, Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Equal(File.ReadAllBytes(Fixture("outgoing.eml")), File.ReadAllBytes(Path.Combine(_out, "outgoing.eml")));
        Assert.Contains("origin Unknown", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MixedRecipients_SplitsIntoOneFilePerCopy()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--sender-authenticated", "--out", _out, Fixture("mixed.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        var written = System.IO.Directory.GetFiles(_out).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["mixed.copy2.eml", "mixed.eml"], written);
        var subjects = written.Select(name => File.ReadAllText(Path.Combine(_out, name!)).Contains("Subject: [OUT] Mixed", StringComparison.Ordinal)).ToList();
        Assert.Single(subjects, tagged => tagged);
        Assert.Contains("(split)", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Trace_WritesTheTraceBesideTheResult()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--sender-authenticated", "--out", _out, "--trace", Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        using var trace = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "outgoing.eml.trace.json")));
        var copy = trace.RootElement.GetProperty("copies")[0];
        Assert.Equal("Changed", copy.GetProperty("outcome").GetString());
        Assert.True(copy.GetProperty("rules")[0].GetProperty("applied").GetBoolean());
        Assert.Equal("Authenticated", trace.RootElement.GetProperty("origin").GetString());
    }

    [Fact]
    public void Apply_UnreadableMessage_IsReportedByNameAndTheRestStillRun()
    {
        var missing = Path.Combine(_out, "missing.eml");

        var exit = Run("--rules", Fixture("rules.xml"), "--sender-authenticated", "--out", _out, missing, Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.SomeUnreadable, exit);
        Assert.Contains(missing + ": cannot be read", _error.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out, "outgoing.eml")));
    }

    [Fact]
    public void Apply_InvalidRules_PrintsLocatedErrorsAndProcessesNothing()
    {
        var exit = Run("--rules", Fixture("broken-rules.xml"), "--out", _out, Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.SetupFailed, exit);
        Assert.Contains(Fixture("broken-rules.xml") + ":5:", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "outgoing.eml")));
    }

    [Fact]
    public void Apply_WithoutOut_WritesNothingAndStillPrints()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--sender-authenticated", Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.False(System.IO.Directory.Exists(_out));
        Assert.Contains("Changed", _output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        if (System.IO.Directory.Exists(_out))
        {
            System.IO.Directory.Delete(_out, recursive: true);
        }
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Apply", name);

    private int Run(params string[] args)
    {
        var root = new RootCommand { ApplyCommand.Create(() => new ApplyFakeEditor()) };
        return root.Parse(_applyVerb.Concat(args).ToArray()).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
