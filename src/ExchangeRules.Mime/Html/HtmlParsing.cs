using System;
using System.Collections.Concurrent;
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
    private const int _maxCachedFragments = 256;
    private const int _maxCachedFragmentLength = 64 * 1024;

    private static readonly ConcurrentDictionary<string, string> _normalised = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> _plainText = new(StringComparer.Ordinal);

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
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver);
        return tokenizer.Get() is HtmlTagToken { Type: HtmlTokenType.StartTag } tag ? tag : null;
    }

    public static IHtmlDocument Parse(string html) => (_plain ??= new HtmlParser()).ParseDocument(html);

    /// <summary>Makes an HTML fragment well-formed (balanced tags) by parsing and serialising it on its own.</summary>
    public static string Normalise(string fragment) => Cached(_normalised, fragment ?? string.Empty, NormaliseUncached);

    /// <summary>The readable text of an HTML fragment (see <see cref="HtmlText.ToPlainText"/>), cached.</summary>
    public static string PlainTextOf(string fragment) => Cached(_plainText, fragment ?? string.Empty, HtmlText.ToPlainText);

    private static string NormaliseUncached(string fragment)
    {
        var document = Parse("<!DOCTYPE html><html><head></head><body>" + fragment + "</body></html>");
        return document.Body?.InnerHtml ?? string.Empty;
    }

    private static string Cached(ConcurrentDictionary<string, string> cache, string key, Func<string, string> compute)
    {
        if (key.Length > _maxCachedFragmentLength)
        {
            return compute(key);
        }

        if (cache.TryGetValue(key, out var value))
        {
            return value;
        }

        value = compute(key);
        if (cache.Count >= _maxCachedFragments)
        {
            // Rendered templates that differ per message (a name, a date) would otherwise grow the cache forever.
            cache.Clear();
        }

        cache[key] = value;
        return value;
    }
}
