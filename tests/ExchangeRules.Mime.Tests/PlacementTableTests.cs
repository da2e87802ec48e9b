using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// One row per client shape: the message (a documented client format under TestData/placement, or a message of the
/// shared corpus), and for each part the text the signature must follow, the text it must precede, and the marker that
/// must decide. <see langword="null"/> for "after" means the signature is the last content of the part.
/// </summary>
public class PlacementTableTests
{
    private const string _stamp = "data-exr-rule=\"Corporate signature\"";

    public static TheoryData<PlacementRow> Rows()
    {
        var rows = new TheoryData<PlacementRow>();
        foreach (var language in new[] { "en", "de", "fr", "es", "it", "nl", "pl", "pt", "ja", "zh" })
        {
            var from = OutlookFromLabel(language);
            rows.Add(Both($"outlook-msonormal-header-{language}.eml", AnswerIn(language), from + (language == "fr" ? "&nbsp;:" : ":"), "outlook-from-sent-block", "outlook-from-sent-block", textAfter: from + (language == "fr" ? " :" : ":")));
            rows.Add(Both($"webmail-attribution-{language}.eml", AnswerIn(language), "Robin Diaz", $"attribution-{language}", $"attribution-{language}"));
        }

        rows.Add(Both("outlook-desktop-nested-border.eml", "Thursday works for me.", "From:", "outlook-desktop-header", "outlook-from-sent-block"));
        rows.Add(Both("zimbra-reply.eml", "Thursday works for me.", "From: ", "zimbra-divider", "original-message", textAfter: "----- Original Message"));
        rows.Add(Both("zimbra-reply-legacy.eml", "Thursday works for me.", "zwchr", "zimbra-divider-id", "original-message", textAfter: "----- Original Message"));
        rows.Add(Both("hotmail-legacy-reply.eml", "Thursday works for me.", "stopSpelling", "hotmail-stopspelling", "hotmail-date-subject-block", textAfter: "Date: Tue"));
        rows.Add(Both("outlook-com-reply.eml", "Thursday works for me.", "appendonsend", "owa-appendonsend", "outlook-underscore-separator", textAfter: "______"));
        rows.Add(Both("outlook-android-reply.eml", "Outlook for Android", "mail-editor-reference-message-container", "outlook-mobile-reference", "outlook-underscore-separator", textAfter: "______"));
        rows.Add(Both("yahoo-classic-reply.eml", "Thursday works for me.", "From:", "outlook-from-sent-block", "original-message", textAfter: "----- Original Message"));
        rows.Add(Both("yahoo-current-reply.eml", "Thursday works for me.", "yahoo_quoted", "yahoo-quoted", "attribution-en", textAfter: "On Tuesday"));
        rows.Add(Both("gmail-reply-de.eml", "Donnerstag passt mir.", "gmail_quote", "gmail-quote", "attribution-de", textAfter: "Am Di."));
        rows.Add(Both("gmail-reply-ja.eml", "木曜日で大丈夫です。", "gmail_quote", "gmail-quote", "attribution-ja-gmail", textAfter: "2023年11月14日(火)"));
        rows.Add(Both("gmail-reply-zh.eml", "星期四可以。", "gmail_quote", "gmail-quote", "attribution-zh", textAfter: "Robin Diaz"));
        rows.Add(Both("apple-mail-forward.eml", "FYI, see below.", "Begin forwarded message", "cite-blockquote", "apple-begin-forwarded"));
        rows.Add(Both("thunderbird-forward.eml", "FYI, see below.", "moz-forward-container", "thunderbird-forward", "forwarded-message", textAfter: "-------- Forwarded Message"));
        rows.Add(new PlacementRow("thunderbird-bottom-posted.eml", "Alex", null, "thunderbird-cite-prefix", PlacementPosition.BelowQuote, "Alex", null, "attribution-en", PlacementPosition.BelowQuote));
        rows.Add(new PlacementRow("interleaved-reply.eml", "Room 4.12, as usual.", "Thanks,", "thunderbird-cite-prefix", PlacementPosition.BelowQuote, "Room 4.12, as usual.", "> Thanks,", "attribution-en", PlacementPosition.BelowQuote));
        rows.Add(TextOnly("ios-mail-plain-reply.eml", "Sent from my iPhone", "> On 14. Nov", "quoted-line"));
        rows.Add(TextOnly("plain-bottom-posted-quoting-signature.eml", "My answer is yes.", null, "attribution-en", PlacementPosition.BelowQuote));
        rows.Add(TextOnly("outlook-plain-original-message.eml", "Thursday works for me.", "-----Original Message-----", "original-message"));

        // Real messages of the shared corpus.
        rows.Add(new PlacementRow("corpus:flanker/multi-received-headers.eml", null, "Forwarded message", "gmail-quote", PlacementPosition.AboveMarker, null, "---------- Forwarded message", "forwarded-message", PlacementPosition.AboveMarker));
        rows.Add(TextOnly("corpus:mimekit/mbox-split/jwz-netscape-29.eml", "(speaking from experience).", null, "attribution-en", PlacementPosition.BelowQuote));
        rows.Add(new PlacementRow("corpus:mail-rb/mime_emails/two_from_in_message.eml", null, "When sending email", "gmail-quote", PlacementPosition.AboveMarker, "from email messages.", null, null, PlacementPosition.EndNoMarker));

        // Real replies from mailgun/talon's standard_replies: Outlook 2010 (header block in one MsoNormal paragraph with
        // <br>s, no border), Hotmail 2012 (headers quoted with "> " in both parts) and Yahoo classic (text only).
        rows.Add(new PlacementRow("corpus:talon/outlook.eml", "Allo! Follow up MIME!", "From:</span></b><span lang=EN-US style='font-size:10.0pt;font-family:\"Tahoma\",\"sans-serif\"'> xxx@xxx.mailgun.org", "outlook-from-sent-block", PlacementPosition.AboveMarker, "Hello", "From: xxx@xxx.mailgun.org", "outlook-from-sent-block", PlacementPosition.AboveMarker));
        rows.Add(new PlacementRow("corpus:talon/hotmail.eml", "Hello", "&gt; Subject: Test", "quoted-header-block", PlacementPosition.AboveMarker, "Hello", "> Subject: Test", "quoted-header-block", PlacementPosition.AboveMarker));
        rows.Add(TextOnly("corpus:talon/yahoo.eml", "Hello", "----- Original Message -----", "original-message"));
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Apply_ClientShape_PutsTheSignatureBetweenTheNewestTextAndTheQuoteInEveryPart(PlacementRow row)
    {
        var run = Stamping.Run(File.ReadAllBytes(row.FullPath), new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.True(run.Result.Changed, run.Details);
        var outcome = run.Outcome();
        if (row.HtmlMarker is not null)
        {
            var html = run.Html;
            var stamp = html.IndexOf(_stamp, StringComparison.Ordinal);
            Assert.True(stamp >= 0, "the HTML part is stamped: " + run.Details);
            AssertBetween(html, stamp, row.HtmlBefore, row.HtmlAfter, "text/html", run.Details);
            var placement = Assert.Single(outcome.Placements, p => p.Part == "text/html");
            Assert.Equal(row.HtmlMarker, placement.Marker);
            Assert.Equal(row.HtmlPosition, placement.Position);
        }

        var text = run.Text;
        var signature = text.LastIndexOf(Stamping.SignatureText, StringComparison.Ordinal);
        Assert.True(signature >= 0, "the plain-text part is stamped: " + run.Details);
        AssertBetween(text, signature, row.TextBefore, row.TextAfter, "text/plain", run.Details);
        var textPlacement = Assert.Single(outcome.Placements, p => p.Part == "text/plain");
        Assert.Equal(row.TextMarker, textPlacement.Marker);
        Assert.Equal(row.TextPosition, textPlacement.Position);
        Assert.Contains(row.TextMarker is null ? "no reply marker found" : $"'{row.TextMarker}'", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_PartsPlacedDifferently_TraceSaysWhy()
    {
        var run = Stamping.Run(File.ReadAllBytes(PlacementRow.Resolve("corpus:mail-rb/mime_emails/two_from_in_message.eml")), new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.Contains("the parts disagree: text/plain has no reply marker this editor knows, while text/html has 'gmail-quote'", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_CoverEveryFixtureOfThePlacementFolder()
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (PlacementRow data in Rows())
        {
            covered.Add(data.Name);
        }

        var uncovered = System.IO.Directory.EnumerateFiles(PlacementRow.FixtureFolder, "*.eml").Select(file => Path.GetFileName(file)).Where(name => !covered.Contains(name)).ToList();

        Assert.True(uncovered.Count == 0, "fixtures without a row: " + string.Join(", ", uncovered));
    }

    private static void AssertBetween(string content, int stamp, string? before, string? after, string part, string details)
    {
        if (before is not null)
        {
            var at = content.IndexOf(before, StringComparison.Ordinal);
            Assert.True(at >= 0 && stamp > at, $"{part}: the signature must follow '{before}' ({details})\n{content}");
        }

        if (after is not null)
        {
            var at = content.IndexOf(after, stamp, StringComparison.Ordinal);
            var first = content.IndexOf(after, StringComparison.Ordinal);
            Assert.True(first >= 0 && first > stamp, $"{part}: the signature must precede '{after}' ({details})\n{content}");
            Assert.True(at == first, part);
        }
        else if (part == "text/plain")
        {
            Assert.True(content.Substring(stamp + Stamping.SignatureText.Length).Trim().Length == 0, $"{part}: the signature must be the last text ({details})\n{content}");
        }
    }

    private static PlacementRow Both(string fixture, string before, string htmlAfter, string htmlMarker, string textMarker, string? textAfter = null) =>
        new(fixture, before, htmlAfter, htmlMarker, PlacementPosition.AboveMarker, before, textAfter ?? htmlAfter, textMarker, PlacementPosition.AboveMarker);

    private static PlacementRow TextOnly(string fixture, string before, string? after, string marker, PlacementPosition position = PlacementPosition.AboveMarker) =>
        new(fixture, null, null, null, PlacementPosition.AboveMarker, before, after, marker, position);

    private static string AnswerIn(string language) => language switch
    {
        "de" => "Donnerstag passt mir.",
        "fr" => "Jeudi me convient.",
        "es" => "El jueves me va bien.",
        "it" => "Giovedì va bene.",
        "nl" => "Donderdag is goed.",
        "pl" => "Czwartek mi pasuje.",
        "pt" => "Quinta-feira está ótimo.",
        "ja" => "木曜日で大丈夫です。",
        "zh" => "星期四可以。",
        _ => "Thursday works for me.",
    };

    private static string OutlookFromLabel(string language) => language switch
    {
        "de" => "Von",
        "fr" or "es" or "pt" => "De",
        "it" => "Da",
        "nl" => "Van",
        "pl" => "Od",
        "ja" => "差出人",
        "zh" => "发件人",
        _ => "From",
    };
}

/// <summary>One client shape of the placement table.</summary>
public sealed record PlacementRow(
    string Name,
    string? HtmlBefore,
    string? HtmlAfter,
    string? HtmlMarker,
    PlacementPosition HtmlPosition,
    string? TextBefore,
    string? TextAfter,
    string? TextMarker,
    PlacementPosition TextPosition)
{
    public static string FixtureFolder => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "placement");

    public string FullPath => Resolve(Name);

    public static string Resolve(string name) => name.StartsWith("corpus:", StringComparison.Ordinal)
        ? System.IO.Path.Combine(TestRepository.Corpus, name.Substring("corpus:".Length))
        : System.IO.Path.Combine(FixtureFolder, name);

    public override string ToString() => Name;
}
