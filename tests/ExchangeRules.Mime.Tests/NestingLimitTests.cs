using System;
using System.Linq;
using System.Text;
using AngleSharp.Dom;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Html;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>Hostile nesting is parsed to a bounded depth, with every source offset where it was.</summary>
public class NestingLimitTests
{
    private const string _cite = "<blockquote type=\"cite\">";

    private static string Nested(int depth, string tag = _cite) =>
        "<html><body>" + string.Concat(Enumerable.Repeat(tag, depth)) + "deepest</body></html>";

    [Fact]
    public void ForParsing_ShallowHtml_IsTheSameString()
    {
        var html = Nested(NestingLimit.MaxDepth - 10);

        Assert.Same(html, NestingLimit.ForParsing(html, 0, html.Length, EditBudget.Unlimited));
    }

    [Fact]
    public void ForParsing_DeeperThanTheLimit_BlanksTheDeepStartTagsAndKeepsEveryOffset()
    {
        var html = Nested(5_000);

        var parsed = NestingLimit.ForParsing(html, 0, html.Length, EditBudget.Unlimited);

        Assert.Equal(html.Length, parsed.Length);
        Assert.Equal(NestingLimit.MaxDepth, CountOf(parsed, _cite));
        Assert.Equal(html.IndexOf("deepest", StringComparison.Ordinal), parsed.IndexOf("deepest", StringComparison.Ordinal));
        var document = HtmlParsing.ParseWithPositions(parsed);
        Assert.InRange(Depth(document.Body!), NestingLimit.MaxDepth - 8, NestingLimit.MaxDepth);
    }

    [Fact]
    public void ForParsing_ClosedSiblingsAndVoidElements_AreNotNesting()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div><p>a<br><img src=x></div>", 2_000)) + "</body></html>";

        Assert.Same(html, NestingLimit.ForParsing(html, 0, html.Length, EditBudget.Unlimited));
    }

    [Fact]
    public void Apply_HundredThousandNestedQuotesWithTheDefaultBudget_IsStampedAboveTheQuote()
    {
        // 2.4 MB of nested quotes: quadratic in the parser before the limit (over two minutes), now well inside the budget.
        var html = Nested(100_000);
        var mime = Encoding.ASCII.GetBytes(
            "From: a@contoso.example\r\nTo: b@fabrikam.example\r\nSubject: nested\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" + html + "\r\n");

        var run = Stamping.Run(mime, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.True(run.Result.Changed, run.Details);
        Assert.Equal(EditLimit.None, run.Result.LimitReached);
        Assert.Equal("cite-blockquote", Assert.Single(run.Outcome().Placements).Marker);
    }

    [Fact]
    public void ForParsing_ElementPastTheLimit_IsNotAnElementButItsTextStays()
    {
        // Blink would keep the gmail_quote div (as a sibling at the deepest level); here its start tag is blanked.
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 600)) + "<div class=\"gmail_quote\">quoted</div></body></html>";

        var document = HtmlParsing.ParseWithPositions(NestingLimit.ForParsing(html, 0, html.Length, EditBudget.Unlimited));

        Assert.Null(document.QuerySelector(".gmail_quote"));
        Assert.Equal(NestingLimit.MaxDepth, document.QuerySelectorAll("div").Length);
        Assert.Contains("quoted", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ForParsing_EndTagsOfBlankedElements_CloseOuterElementsEarly()
    {
        // 600 open, 100 closed: Blink's stack still holds 500 divs, so "tail" is 500 deep there; here the 100 end tags
        // close 100 of the 512 elements that were parsed, so "tail" is 412 deep (see NestingLimit's remarks).
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 600)) + "deep" + string.Concat(Enumerable.Repeat("</div>", 100)) + "tail</body></html>";

        var document = HtmlParsing.ParseWithPositions(NestingLimit.ForParsing(html, 0, html.Length, EditBudget.Unlimited));

        var tail = document.Body!.Descendants<IText>().Single(text => text.Data == "tail");
        var depth = 0;
        for (var element = tail.ParentElement; element is not null && element != document.Body; element = element.ParentElement)
        {
            depth++;
        }

        Assert.Equal(NestingLimit.MaxDepth - 100, depth);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int Depth(IElement root)
    {
        var depth = 0;
        for (var element = root.FirstElementChild; element is not null; element = element.FirstElementChild)
        {
            depth++;
        }

        return depth;
    }
}
