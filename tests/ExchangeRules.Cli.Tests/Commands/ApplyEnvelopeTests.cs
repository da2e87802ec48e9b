using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ExchangeRules.Cli.Commands;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary><c>exrules apply --from/--to/--origin</c> and files whose first line is empty or whitespace.</summary>
public sealed class ApplyEnvelopeTests : IDisposable
{
    private static readonly string[] _applyVerb = { "apply" };

    private readonly string _out = Path.Combine(Path.GetTempPath(), "exrules-envelope-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Apply_MessageWithoutToCcOrBcc_TakesTheRecipientsFromTo()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--origin", "authenticated", "--to", "bob@fabrikam.com,carol@contoso.com", "--out", _out, Fixture("no-recipients.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Contains("from alice@contoso.com to 2 recipient(s), origin Authenticated", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("copy 1 to bob@fabrikam.com: Changed (split)", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Subject: [OUT] Numbers for the Bcc list", File.ReadAllText(Path.Combine(_out, "no-recipients.eml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MessageWithoutRecipientsAndWithoutTo_SaysHowToGiveThem()
    {
        var exit = Run("--rules", Fixture("rules.xml"), Fixture("no-recipients.eml"));

        Assert.Equal(ApplyCommand.SomeUnreadable, exit);
        Assert.Contains("no-recipients.eml: cannot be processed: no recipient in To, Cc or Bcc: pass the envelope recipients with --to", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_From_ReplacesTheHeaderSenderInTheEnvelope()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--origin", "authenticated", "--from", "<dave@fabrikam.com>", Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Contains("from dave@fabrikam.com to 1 recipient(s)", _output.ToString(), StringComparison.Ordinal);

        // Without --org the sender's domain is the organisation: bob@fabrikam.com is now inside, so nothing is tagged.
        Assert.Contains("rule Tag mail to outside recipients: not applied", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NullReversePath_IsTheEmptySender()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--from", "<>", Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Contains("from <> to 1 recipient(s)", _output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hybrid", "HybridConnector")]
    [InlineData("partner", "Anonymous")]
    [InlineData("anonymous", "Anonymous")]
    [InlineData("unknown", "Unknown")]
    public void Apply_Origin_IsTheOriginTheProcessorSees(string origin, string expected)
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--origin", origin, Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Contains($"origin {expected}", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_HybridOrigin_SenderIsInside()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--origin", "hybrid", "--out", _out, Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Contains("rule Tag mail to outside recipients: applied", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_PartnerOrigin_SenderIsOutside()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--origin", "partner", Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Contains("rule Tag mail to outside recipients: not applied", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownOriginValue_IsRejectedByTheParser()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--origin", "internal", Fixture("outgoing.eml"));

        Assert.NotEqual(ApplyCommand.Processed, exit);
        Assert.Contains("internal", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SenderAuthenticatedWithAnotherOrigin_IsAContradiction()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--sender-authenticated", "--origin", "anonymous", Fixture("outgoing.eml"));

        Assert.NotEqual(ApplyCommand.Processed, exit);
        Assert.Contains("--sender-authenticated contradicts --origin anonymous", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FirstLineEmpty_ReadsAMessageWithoutHeaderFieldsAndNeedsTheEnvelope()
    {
        var withoutEnvelope = Run("--rules", Fixture("rules.xml"), Fixture("blank-first-line.eml"));

        Assert.Equal(ApplyCommand.SomeUnreadable, withoutEnvelope);
        Assert.Contains("starts with an empty line, which ends the header section (RFC 5322)", _error.ToString(), StringComparison.Ordinal);

        var withEnvelope = Run("--rules", Fixture("rules.xml"), "--origin", "authenticated", "--from", "alice@contoso.com", "--to", "bob@fabrikam.com", "--out", _out, Fixture("blank-first-line.eml"));

        Assert.Equal(ApplyCommand.Processed, withEnvelope);
        Assert.Contains("note: the file starts with an empty line", _output.ToString(), StringComparison.Ordinal);

        // The file's header-like lines stay in the body, below the empty line that ends the (empty) header section.
        var written = File.ReadAllText(Path.Combine(_out, "blank-first-line.eml"));
        Assert.Contains("Hello Bob.", written, StringComparison.Ordinal);
        Assert.Contains("\r\nFrom: Alice <alice@contoso.com>\r\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FirstLineWhitespace_ReadsTheHeaderFieldsBelowIt()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--origin", "authenticated", "--out", _out, Fixture("whitespace-first-line.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Contains("from alice@contoso.com to 1 recipient(s)", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("note: the file's first line holds only whitespace", _output.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("From: Alice", File.ReadAllText(Path.Combine(_out, "whitespace-first-line.eml")), StringComparison.Ordinal);
        Assert.Contains("Subject: [OUT] Numbers", File.ReadAllText(Path.Combine(_out, "whitespace-first-line.eml")), StringComparison.Ordinal);
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
        var root = new RootCommand { ApplyCommand.Create(_ => new Mime.MimeMessageEditor()) };
        return root.Parse(_applyVerb.Concat(args).ToArray()).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
