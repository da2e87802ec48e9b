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
    public void Apply_DeliveryReport_IsSkippedAsTheAgentSkipsASystemMessage_AndWrittenUnchanged()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--sender-authenticated", "--out", _out, Fixture("delivery-report.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.Equal(File.ReadAllBytes(Fixture("delivery-report.eml")), File.ReadAllBytes(Path.Combine(_out, "delivery-report.eml")));
        Assert.Contains("copy 1 to bob@fabrikam.com: Skipped - a system message", _output.ToString(), StringComparison.Ordinal);
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
    public void Apply_SignatureWithDirectoryPhoto_EmbedsThePhotoFromTheLdifAsAnInlineImage()
    {
        var exit = RunWithRealEditor("--rules", Fixture("photo-rules.xml"), "--directory", Fixture("contoso.ldif"), "--sender-authenticated", "--out", _out, Fixture("photo.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        var message = MimeKit.MimeMessage.Load(Path.Combine(_out, "photo.eml"));
        var related = Assert.IsType<MimeKit.MultipartRelated>(message.Body);
        var html = Assert.IsType<MimeKit.TextPart>(related[0]);
        var photo = Assert.IsType<MimeKit.MimePart>(related[1]);
        Assert.Contains("<img src=\"cid:" + photo.ContentId + "\"", html.Text, StringComparison.Ordinal);
        Assert.Equal("image/png", photo.ContentType.MimeType);
        Assert.Equal(MeganPhotoFromLdif(), Decoded(photo));
    }

    [Fact]
    public void Apply_AddRecipient_WritesTheRecipientIntoCcAndLeavesTheEnvelopeToTheHost()
    {
        var exit = RunWithRealEditor("--rules", Fixture("add-recipient-rules.xml"), "--sender-authenticated", "--out", _out, Fixture("outgoing.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        var message = MimeKit.MimeMessage.Load(Path.Combine(_out, "outgoing.eml"));
        Assert.Equal("compliance@contoso.com", Assert.Single(message.Cc.Mailboxes).Address);
        Assert.Equal("bob@fabrikam.com", Assert.Single(message.To.Mailboxes).Address);
        var printed = _output.ToString();
        Assert.Contains("added compliance@contoso.com to Cc", printed, StringComparison.Ordinal);
        Assert.Contains("Applied (the host changes the envelope)", printed, StringComparison.Ordinal);
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

    /// <summary>Megan Bowen's thumbnailPhoto as the LDIF file spells it (base64 folded over continuation lines).</summary>
    private static byte[] MeganPhotoFromLdif()
    {
        var lines = File.ReadAllLines(Fixture("contoso.ldif"));
        var start = Array.FindIndex(lines, line => line.StartsWith("dn: CN=Megan Bowen", StringComparison.Ordinal));
        var photo = Array.FindIndex(lines, start, line => line.StartsWith("thumbnailPhoto:: ", StringComparison.Ordinal));
        var base64 = new StringBuilder(lines[photo].Substring("thumbnailPhoto:: ".Length));
        for (var i = photo + 1; i < lines.Length && lines[i].StartsWith(' '); i++)
        {
            base64.Append(lines[i], 1, lines[i].Length - 1);
        }

        return Convert.FromBase64String(base64.ToString());
    }

    [Fact]
    public void Apply_OutlookReplyInSummaryTnef_PreviewsTheSignatureInsideTheTnefBody()
    {
        // An Exchange-shape fixture (tests/ExchangeRules.Harness.Tests/TestData/SummaryTnef): what the agent sees for Outlook mail.
        var input = Path.Combine(ExchangeRules.Testing.TestRepository.Root, "tests", "ExchangeRules.Harness.Tests", "TestData", "SummaryTnef", "html-reply.eml");

        var exit = RunWithRealEditor("--rules", Fixture("tnef-signature-and-disclaimer.xml"), "--sender-authenticated", "--out", _out, input);

        Assert.Equal(ApplyCommand.Processed, exit);
        var written = MimeKit.MimeMessage.Load(Path.Combine(_out, "html-reply.eml"));
        var tnef = Assert.IsType<MimeKit.Tnef.TnefPart>(written.Body);
        Assert.Equal(MimeKit.ContentEncoding.Binary, tnef.ContentTransferEncoding);
        var html = tnef.ConvertToMessage().HtmlBody ?? string.Empty;
        var signature = html.IndexOf("Contoso signature", StringComparison.Ordinal);
        Assert.True(signature > html.IndexOf("Thanks Megan", StringComparison.Ordinal) && signature < html.IndexOf("border-top:solid #E1E1E1", StringComparison.Ordinal), html);
        Assert.Contains("Summary TNEF (winmail.dat): inserted", _output.ToString(), StringComparison.Ordinal);
    }

    private static byte[] Decoded(MimeKit.MimePart part)
    {
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        return bytes.ToArray();
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Apply", name);

    private int Run(params string[] args) => Run(_ => new ApplyFakeEditor(), args);

    private int RunWithRealEditor(params string[] args) => Run(_ => new ExchangeRules.Mime.MimeMessageEditor(), args);

    private int Run(Func<ExchangeRules.Processing.ProcessingOptions, ExchangeRules.Engine.Editing.IMessageEditor> createEditor, string[] args)
    {
        var root = new RootCommand { ApplyCommand.Create(createEditor) };
        return root.Parse(_applyVerb.Concat(args).ToArray()).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
