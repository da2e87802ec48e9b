using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// Issue #19's charset matrix through the editor: 40 charsets × 8bit/quoted-printable/base64 × text/plain and
/// text/html, stamped with a signature most of them cannot carry, then stamped again (stamp header removed) to prove
/// the stamp is recognised in the body. The CLI and the net48 agent under Mono run the same matrix.
/// </summary>
public class CharsetMatrixTests
{
    /// <summary>Charsets .NET 10 cannot decode at all (UTF-7 is refused since .NET 5): such parts must pass byte-identical.</summary>
    private static readonly string[] _undecodableOnNet10 = { "utf-7" };

    private static readonly InsertContentAction _signature = new(
        CharsetMatrix.RuleName, FailurePolicy.FailOpen, InsertionKind.Signature,
        $"<p>Kind regards</p><p>{CharsetMatrix.SignatureLine}</p>", $"-- \n{CharsetMatrix.SignatureLine}",
        Placement.UnderNewestReply, true, Array.Empty<InlineImage>());

    private readonly ITestOutputHelper _output;

    public CharsetMatrixTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Apply_EveryCharsetTransferAndBodyType_KeepsTheSenderTextAndStampsOnceEvenOnASecondPass()
    {
        var problems = new List<string>();
        var cases = CharsetMatrix.Cases().ToList();
        var charsets = cases.Select(c => c.Charset).Distinct().Count();
        foreach (var matrixCase in cases)
        {
            var original = CharsetMatrix.Build(matrixCase);
            var first = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, _signature);
            if (_undecodableOnNet10.Contains(matrixCase.Charset))
            {
                if (first.Result.Changed || !first.Outcome().Detail.Contains("left byte-identical because its charset 'utf-7' is not available", StringComparison.Ordinal))
                {
                    problems.Add($"{matrixCase.Name}: expected to pass unchanged with the reason, got {first.Details}");
                }

                continue;
            }

            if (!first.Result.Changed)
            {
                problems.Add($"{matrixCase.Name}: not stamped: {first.Details}");
                continue;
            }

            _output.WriteLine($"{matrixCase.Name}\t{CharsetMatrix.DeclaredCharset(first.Output)}");
            if (CharsetMatrix.Problem(matrixCase, first.Output) is { } problem)
            {
                problems.Add($"{matrixCase.Name}: {problem}");
                continue;
            }

            // Second pass as if the stamp header had been lost (a client re-sent the text): the body alone must tell.
            var withoutHeader = WithoutStampHeader(first.Output);
            var second = Stamping.Run(withoutHeader, new MimeMessageEditor(), SubmissionOrigin.Authenticated, _signature);
            if (second.Outcome().Status != ActionStatus.Skipped || CharsetMatrix.Problem(matrixCase, second.Result.Changed ? second.Output : withoutHeader) is not null)
            {
                problems.Add($"{matrixCase.Name}: stamped again on the second pass: {second.Details}");
            }
        }

        Assert.True(charsets >= 30, $"only {charsets} charsets");
        Assert.True(problems.Count == 0, $"{problems.Count} of {cases.Count} cases failed:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void Apply_Windows1252SignatureThatFits_KeepsTheCharsetAndTheSenderBytes()
    {
        var matrixCase = new MatrixCase("windows-1252", "8bit", "plain", "“hello” – it’s €");

        var run = Stamping.Run(CharsetMatrix.Build(matrixCase), new MimeMessageEditor(), SubmissionOrigin.Authenticated, _signature);

        Assert.Null(CharsetMatrix.Problem(matrixCase, run.Output));
        var part = Assert.IsType<MimeKit.TextPart>(run.Parsed.Body);
        Assert.Equal("windows-1252", part.ContentType.Charset);
        Assert.Contains("into text/plain (windows-1252)", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Windows1251SignatureThatDoesNotFit_ConvertsTheWholePartToUtf8()
    {
        var matrixCase = new MatrixCase("windows-1251", "quoted-printable", "html", "Привет, мир — «ёлка» №5");

        var run = Stamping.Run(CharsetMatrix.Build(matrixCase), new MimeMessageEditor(), SubmissionOrigin.Authenticated, _signature);

        Assert.Null(CharsetMatrix.Problem(matrixCase, run.Output));
        var part = Assert.IsType<MimeKit.TextPart>(run.Parsed.Body);
        Assert.Equal("utf-8", part.ContentType.Charset);
        Assert.Contains("charset=utf-8", part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Iso2022JpLabelHoldingEucJpBytes_LeavesTheMessageByteIdenticalWithTheReason()
    {
        var original = MislabelledJapanese(alternative: false);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, _signature);

        Assert.False(run.Result.Changed);
        Assert.Equal(ActionStatus.Skipped, run.Outcome().Status);
        Assert.Contains("the text/plain part was left byte-identical because it is labelled iso-2022-jp, a 7-bit charset, but holds 8-bit bytes", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MislabelledHtmlAlternative_StampsTheTextPartAndLeavesTheHtmlPartByteIdentical()
    {
        var original = MislabelledJapanese(alternative: true);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, _signature);

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        Assert.Contains("into text/plain (utf-8)", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.Contains("; the text/html part was left byte-identical because it is labelled iso-2022-jp", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.Contains(CharsetMatrix.SignatureLine, run.Text, StringComparison.Ordinal);
        var eucJp = Encoding.GetEncoding("euc-jp").GetBytes("<html><body><p>こんにちは、世界。</p></body></html>");
        Assert.True(run.Output.AsSpan().IndexOf(eucJp) >= 0, "the HTML part's bytes are delivered as they came");
    }

    [Fact]
    public void Apply_UsAsciiLabelWithLatin1TailFarBelowTheTop_IsNeitherRelabelledNorStamped()
    {
        // The top (decoded first, for speed) is ASCII and holds the reply marker; an é encoded as =E9 lies far below
        // it in the quoted history, in a part labelled us-ascii.
        var body = "Yes, see you there.\r\n\r\nOn Mon, 7 Dec 2026 at 10:00, Bob <bob@fabrikam.com> wrote:\r\n"
            + string.Concat(Enumerable.Repeat("> Filler line of the quoted history.\r\n", 400)) + "> Caf=E9 at noon?\r\n";
        var message = "From: Megan Bowen <megan.bowen@contoso.com>\r\nTo: partner@external.example\r\nSubject: lunch\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + body;

        var run = Stamping.Run(Encoding.ASCII.GetBytes(message), new MimeMessageEditor(), SubmissionOrigin.Authenticated, _signature);

        Assert.False(run.Result.Changed);
        Assert.Contains("labelled us-ascii, a 7-bit charset, but holds 8-bit bytes", run.Outcome().Detail, StringComparison.Ordinal);
    }

    /// <summary>A part labelled iso-2022-jp whose bytes are EUC-JP (a real mail-gateway mistake), alone or as the HTML alternative.</summary>
    private static byte[] MislabelledJapanese(bool alternative)
    {
        var eucJp = Encoding.GetEncoding("euc-jp");
        var header = "From: Megan Bowen <megan.bowen@contoso.com>\r\nTo: partner@external.example\r\nSubject: test\r\nMIME-Version: 1.0\r\n";
        if (!alternative)
        {
            return Encoding.ASCII.GetBytes(header + "Content-Type: text/plain; charset=iso-2022-jp\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .Concat(eucJp.GetBytes("こんにちは、世界。\r\n")).ToArray();
        }

        return Encoding.ASCII.GetBytes(header + "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Concat(Encoding.UTF8.GetBytes("こんにちは、世界。\r\n\r\n--b\r\n"))
            .Concat(Encoding.ASCII.GetBytes("Content-Type: text/html; charset=iso-2022-jp\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"))
            .Concat(eucJp.GetBytes("<html><body><p>こんにちは、世界。</p></body></html>\r\n--b--\r\n")).ToArray();
    }

    private static byte[] WithoutStampHeader(byte[] message)
    {
        var text = Encoding.Latin1.GetString(message);
        var start = text.IndexOf("X-ExchangeRules-Stamped:", StringComparison.Ordinal);
        Assert.True(start >= 0, "the first pass wrote the stamp header");
        var end = text.IndexOf("\r\n", start, StringComparison.Ordinal) + 2;
        return Encoding.Latin1.GetBytes(text.Remove(start, end - start));
    }
}
