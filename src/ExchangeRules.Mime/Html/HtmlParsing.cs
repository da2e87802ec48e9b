using System;
using AngleSharp.Html;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// AngleSharp parsers reused per thread (creating one builds a browsing context each time) and a small cache of
/// normalised template fragments: templates render per message, but the same HTML repeats message after message.
/// </summary>
internal static class HtmlParsing
{
    private static readonly RecentResults<string> _normalised = new(NormaliseUncached);
    private static readonly RecentResults<string> _plainText = new(HtmlText.ToPlainText);

    [ThreadStatic]
    private static HtmlParser? _positional;

    [ThreadStatic]
    private static HtmlParser? _plain;

    /// <summary>Parses with source references kept, so that element offsets in the source are known.</summary>
    public static IHtmlDocument ParseWithPositions(string html) =>
        (_positional ??= new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true })).ParseDocument(html);

    /// <summary>
    /// The first token of <paramref name="html"/> when it is a start tag (names lower-cased, attribute values with
    /// character references resolved, as the tree builder would see them), else <see langword="null"/>. Tokenising one
    /// tag costs a small fraction of building a document around it.
    /// </summary>
    public static HtmlTagToken? StartTag(string html)
    {
        // Disposing the tokenizer disposes its source too: both hand their string builders back to AngleSharp's pool,
        // which the token does not need (its name and attribute values are strings by then).
        using var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver);
        return tokenizer.Get() is HtmlTagToken { Type: HtmlTokenType.StartTag } tag ? tag : null;
    }

    public static IHtmlDocument Parse(string html) => (_plain ??= new HtmlParser()).ParseDocument(html);

    /// <summary>Makes an HTML fragment well-formed (balanced tags) by parsing and serialising it on its own.</summary>
    public static string Normalise(string fragment) => _normalised.Get(fragment ?? string.Empty);

    /// <summary>The readable text of an HTML fragment (see <see cref="HtmlText.ToPlainText"/>), cached.</summary>
    public static string PlainTextOf(string fragment) => _plainText.Get(fragment ?? string.Empty);

    private static string NormaliseUncached(string fragment)
    {
        var document = Parse("<!DOCTYPE html><html><head></head><body>" + fragment + "</body></html>");
        return document.Body?.InnerHtml ?? string.Empty;
    }
}
