using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;
using ExchangeRules.Mime.Tnef;
using ExchangeRules.Processing.Tests.Support;
using ExchangeRules.Templates;
using MimeKit;
using MimeKit.Tnef;
using Serilog.Core;
using Xunit;

namespace ExchangeRules.Processing.Tests.Tnef;

/// <summary>
/// An internal Outlook reply as Exchange hands it to agents (Summary TNEF: the headers and one binary winmail.dat part)
/// goes through the real rules, templates, processor and editor: the signature lands in the TNEF body under the
/// newest reply, and a second pass does not stamp again.
/// </summary>
public sealed class SummaryTnefProcessingTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void Process_SummaryTnefReplyWithASignatureRule_StampsTheTnefBodyUnderTheNewestReply()
    {
        var processor = Processor(string.Empty);

        var result = Process(processor, File.ReadAllBytes(Fixture()));

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        var outcome = Assert.Single(result.ActionOutcomes);
        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.StartsWith("Summary TNEF (winmail.dat): inserted signature under the newest reply into the TNEF HTML body (PR_HTML)", outcome.Detail, StringComparison.Ordinal);
        var message = MimeMessage.Load(result.Mime!);
        var part = Assert.IsType<TnefPart>(message.Body);
        Assert.Equal(ContentEncoding.Binary, part.ContentTransferEncoding);
        var html = TnefMessageBody.Read(TnefDocument.Read(Decoded(part))).Html!;
        var signature = html.IndexOf("Alice Wong | Contoso", StringComparison.Ordinal);
        Assert.True(signature > 0 && signature < html.IndexOf("<b>Von:</b>", StringComparison.Ordinal), html);
        Assert.Contains("Alice Wong | Contoso", part.ConvertToMessage().HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_SummaryTnefReplyProcessedTwice_IsStampedOnce()
    {
        var processor = Processor(string.Empty);
        var first = Process(processor, File.ReadAllBytes(Fixture()));
        using var stamped = new MemoryStream();
        first.Mime!.CopyTo(stamped);

        var second = Process(processor, stamped.ToArray());

        Assert.Equal(ProcessingOutcome.Unchanged, second.Outcome);
        Assert.Equal(ActionStatus.Skipped, Assert.Single(second.ActionOutcomes).Status);
    }

    [Fact]
    public void Process_RuleWithRtfAndVotingLeave_StillStampsAnHtmlBody()
    {
        var processor = Processor("<options><specialMessages rtfBodies=\"leave\" votingButtons=\"leave\"/></options>");

        var result = Process(processor, File.ReadAllBytes(Fixture()));

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
    }

    public void Dispose() => _folder.Dispose();

    private static string Fixture() => Path.Combine(AppContext.BaseDirectory, "TestData", "Tnef", "outlook-html-reply-summary-tnef.eml");

    private MessageProcessor Processor(string options)
    {
        File.WriteAllText(_folder.Combine("signature.html"), "<p><b>Alice Wong | Contoso</b></p>");
        File.WriteAllText(_folder.Combine("signature.txt"), "Alice Wong | Contoso");
        File.WriteAllText(_folder.Combine("rules.xml"), $"""
            <rules xmlns="urn:exchangerules:rules:v1">
              <templates>
                <template name="signature"><html file="signature.html"/><text file="signature.txt"/></template>
              </templates>
              <rule name="Signature">
                <conditions><senderDomain><value>contoso.com</value></senderDomain></conditions>
                <actions><addSignature template="signature" placement="underNewestReply" skipIfPresent="true"/></actions>
                {options}
              </rule>
            </rules>
            """);
        var plan = RuleSetLoader.Load(_folder.Combine("rules.xml"), new FluidTemplateCompiler());
        return new MessageProcessor(() => plan, new MimeMessageEditor(), null, ProcessingOptions.Default, Logger.None);
    }

    private static ProcessingResult Process(MessageProcessor processor, byte[] mime)
    {
        var envelope = new MessageEnvelope("alice@contoso.com", new[] { "carol@contoso.com" }, SubmissionOrigin.Authenticated);
        return processor.Process(envelope, FakeOrganization.Contoso, new MemoryStream(mime, writable: false), CancellationToken.None);
    }

    private static byte[] Decoded(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content!.DecodeTo(output);
        return output.ToArray();
    }
}
