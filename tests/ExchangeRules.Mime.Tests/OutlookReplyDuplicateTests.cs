using System;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// Outlook desktop (Word) replies to stamped mail: Word drops the stamp's data attributes and comments, so the block is
/// recognised by its text (and by its id when Word keeps it as a bookmark).
/// </summary>
public class OutlookReplyDuplicateTests
{
    private const string _disclaimerText = "This e-mail is confidential. If you are not the intended recipient, please delete it.";
    private const string _disclaimerHtml = "<p style=\"font-size:8pt;color:#666\">This e-mail is confidential. If you are not the intended recipient, please delete it.</p>";
    private const string _historyHeader = "border-top:solid #E1E1E1";

    private static InsertContentAction Disclaimer(Placement placement, bool skipIfPresent) =>
        new("Legal disclaimer", FailurePolicy.FailOpen, InsertionKind.Disclaimer, _disclaimerHtml, _disclaimerText, placement, skipIfPresent, Array.Empty<InlineImage>());

    private static int Count(string haystack, string text) =>
        Regex.Count(Regex.Replace(haystack, @"\s+", " ", RegexOptions.None, TimeSpan.FromSeconds(1)), Regex.Escape(text), RegexOptions.None, TimeSpan.FromSeconds(1));

    [Fact]
    public void Apply_WordReplyToMessageWithOurBottomDisclaimer_DisclaimerStaysExactlyOnce()
    {
        var run = Stamping.Run("outlook-word-reply-to-disclaimer.eml", Stamping.Signature(), Disclaimer(Placement.Bottom, skipIfPresent: true));

        Assert.True(run.Result.Changed, run.Details);
        Assert.Equal(ActionStatus.Applied, run.Outcome(0).Status);
        Assert.Equal(ActionStatus.Skipped, run.Outcome(1).Status);
        Assert.Contains("already present in the HTML body", run.Outcome(1).Detail, StringComparison.Ordinal);
        Assert.Equal(1, Count(run.Html, "please delete it."));
        Assert.Equal(1, Count(run.Text, "please delete it."));
        Assert.DoesNotContain("data-exr-rule=\"Legal disclaimer\"", run.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WordReplyStampedAgainAfterItsOwnStamp_DisclaimerStaysExactlyOnce()
    {
        var first = Stamping.Run("outlook-word-reply-to-disclaimer.eml", Disclaimer(Placement.Bottom, skipIfPresent: true));
        Assert.False(first.Result.Changed, first.Details);

        var signed = Stamping.Run("outlook-word-reply-to-disclaimer.eml", Stamping.Signature());
        // Sent again from inside without the stamp header (a client that drops it): the stamps in the body decide.
        var resent = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(signed.Output).Replace(StampHeader.Name + ":", "X-Old-Stamped:", StringComparison.Ordinal));
        var second = Stamping.Run(resent, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(), Disclaimer(Placement.Bottom, skipIfPresent: true));

        Assert.False(second.Result.Changed, second.Details);
        Assert.Contains("stamp is already in the newest part", second.Outcome(0).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_DisclaimerOnlyInQuotedHistory_UnderNewestReplyAddsItToTheNewestPart()
    {
        var run = Stamping.Run("outlook-word-reply-to-disclaimer.eml", Disclaimer(Placement.UnderNewestReply, skipIfPresent: true));

        Assert.True(run.Result.Changed, run.Details);
        var html = run.Html;
        var stamp = html.IndexOf("data-exr-rule=\"Legal disclaimer\"", StringComparison.Ordinal);
        Assert.True(stamp > html.IndexOf("the rest a week later", StringComparison.Ordinal));
        Assert.True(stamp < html.IndexOf(_historyHeader, StringComparison.Ordinal));
        Assert.Equal(2, Count(html, "please delete it."));
        Assert.Equal(2, Count(run.Text, "please delete it."));
    }

    [Fact]
    public void Apply_WordKeptTheStampIdAsBookmark_RecognisedWithoutTheTextCheck()
    {
        var run = Stamping.Run("outlook-word-reply-bookmark.eml", Disclaimer(Placement.Bottom, skipIfPresent: false));

        Assert.False(run.Result.Changed, run.Details);
        Assert.Contains("stamp is already in the HTML body", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_StampedBlock_CarriesAnIdThatNamesTheRule()
    {
        var run = Stamping.Run("html-new-message.eml", Disclaimer(Placement.Bottom, skipIfPresent: true));

        Assert.Contains("id=\"exr-legal-disclaimer\"", run.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_IdOfAnotherRuleWithTheSamePrefix_DoesNotCount()
    {
        var action = new InsertContentAction("Legal", FailurePolicy.FailOpen, InsertionKind.Disclaimer, "<p>Short legal note for this test.</p>", "Short legal note for this test.", Placement.Bottom, false, Array.Empty<InlineImage>());

        var run = Stamping.Run("outlook-word-reply-bookmark.eml", action);

        Assert.True(run.Result.Changed, run.Details);
    }
}
