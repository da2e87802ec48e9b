using System;
using System.IO;
using ExchangeRules.Testing;
using MimeKit;
using Xunit;

namespace ExchangeRules.Agent.Tests;

/// <summary>
/// Real replies of the corpus (mailgun/talon's Outlook 2010, Hotmail 2012 and Yahoo replies; flanker's quoted-printable
/// Gmail forward) through the shipped net48 agent under Mono with a signature under the newest reply: the placement
/// the Mime tests pin on .NET 10 (<c>PlacementTableTests</c>, the same rows) must hold where the agent runs on .NET
/// Framework's System.Memory, regular expressions and encodings (the header block index, the quoted-printable line
/// walk, the tagged anchor search and the partial reads of each part's top all run on this path).
/// </summary>
public sealed class MonoReplyPlacementTests : IDisposable
{
    private const string _signature = "Mono placement signature 7731";

    private static readonly (string Corpus, string? TextBefore, string TextAfter, string? HtmlAfter)[] _replies =
    {
        ("talon/outlook.eml", "Hello", "From: xxx@xxx.mailgun.org", "xxx@xxx.mailgun.org"),
        ("talon/hotmail.eml", "Hello", "> Subject: Test", "&gt; Subject: Test"),
        ("talon/yahoo.eml", "Hello", "----- Original Message -----", null),
        ("flanker/multi-received-headers.eml", null, "---------- Forwarded message", "Forwarded message"),
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-mono-replies-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Net48Agent_UnderMono_RealReplies_GetTheSignatureAboveTheQuotedHistoryOnce()
    {
        var input = Path.Combine(_folder, "in");
        System.IO.Directory.CreateDirectory(input);
        foreach (var reply in _replies)
        {
            File.Copy(Path.Combine(TestRepository.Corpus, reply.Corpus), Path.Combine(input, FileName(reply.Corpus)));
        }

        var rules = Path.Combine(AppContext.BaseDirectory, "TestData", "mono", "signature-under-newest-reply.xml");
        var (output, outFolder) = MonoSmokeTests.RunHost("onprem", "megan.bowen@contoso.com", "partner@external.example", input, rules);

        Assert.Contains("runtime\tMono", output, StringComparison.Ordinal);
        foreach (var reply in _replies)
        {
            using var message = MimeMessage.Load(Path.Combine(outFolder, FileName(reply.Corpus)));
            AssertBetween(reply.Corpus + " (text)", message.TextBody, reply.TextBefore, reply.TextAfter);
            if (reply.HtmlAfter is not null)
            {
                AssertBetween(reply.Corpus + " (HTML)", message.HtmlBody, null, reply.HtmlAfter);
            }
        }
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    private static string FileName(string corpusPath) => corpusPath.Replace('/', '-');

    private static void AssertBetween(string what, string? body, string? before, string after)
    {
        Assert.True(body is not null, $"{what}: the part is missing");
        var at = body!.IndexOf(_signature, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{what}: no signature");
        Assert.True(body.IndexOf(_signature, at + 1, StringComparison.Ordinal) < 0, $"{what}: the signature twice");
        Assert.True(at < body.IndexOf(after, StringComparison.Ordinal), $"{what}: the signature is not above \"{after}\"");
        if (before is not null)
        {
            Assert.True(body.IndexOf(before, StringComparison.Ordinal) is var start && start >= 0 && start < at, $"{what}: the signature is not below \"{before}\"");
        }
    }
}
