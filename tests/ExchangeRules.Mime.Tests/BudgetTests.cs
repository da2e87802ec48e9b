using System;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Markers;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>The time budget is checked inside the editor's loops, not only between steps.</summary>
public class BudgetTests
{
    /// <summary>An HTML body of <paramref name="count"/> sibling blocks whose text carries a reply-marker anchor but no marker.</summary>
    private static string HostileHtml(int count)
    {
        var html = new StringBuilder("<html><head></head><body>");
        for (var i = 0; i < count; i++)
        {
            html.Append("<div><span>who wrote this</span></div>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string NestedHtml(int depth) =>
        "<html><body>" + string.Concat(Enumerable.Repeat("<div>who wrote this", depth)) + "</body></html>";

    [Fact]
    public void Apply_HostileHtmlPartWithTinyBudget_PassesUnchangedAndSaysWhy()
    {
        var mime = Encoding.ASCII.GetBytes(
            "From: a@contoso.example\r\nTo: b@fabrikam.example\r\nSubject: hostile\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
            + HostileHtml(200_000).Replace("</div>", "</div>\r\n", StringComparison.Ordinal) + "\r\n");
        var editor = new MimeMessageEditor(new MessageEditorOptions { TimeBudget = TimeSpan.FromMilliseconds(50) });

        var run = Stamping.Run(mime, editor, SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Empty(run.Output);
        Assert.Equal(ActionStatus.Skipped, run.Outcome().Status);
        Assert.Contains("time budget", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.Equal(ExchangeRules.Engine.Editing.EditLimit.TimeBudget, run.Result.LimitReached);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NewestPart_BudgetRunsOutInsideTheMarkerSearch_StopsThere(bool nested)
    {
        var html = nested ? NestedHtml(5_000) : HostileHtml(20_000);
        var checks = 0;
        var budget = new EditBudget(() => ++checks > 3);
        var locator = new HtmlLocator(html, ReplyMarkerSet.Default, budget);

        Assert.Throws<EditBudgetExceededException>(() => locator.NewestPart);
        Assert.True(checks > 3);
    }

    [Fact]
    public void NewestPart_SameHostileBodyWithinBudget_FindsNoMarker()
    {
        var locator = new HtmlLocator(HostileHtml(2_000), ReplyMarkerSet.Default, EditBudget.Unlimited);

        Assert.Null(locator.NewestPart.MarkerName);
    }
}
