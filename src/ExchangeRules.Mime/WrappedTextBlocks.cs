using System.Collections.Concurrent;
using ExchangeRules.Mime.Text;

namespace ExchangeRules.Mime;

/// <summary>
/// The plain-text block an insertion puts into a text/plain part: the block's text wrapped at the line length and joined
/// with the part's line break. A rule's block is the same text on most messages (a disclaimer, a banner, one sender's
/// signature), so the result is kept per source text, like the block's plain text (<c>HtmlParsing.PlainTextOf</c>) and
/// its fingerprint (<see cref="BlockFingerprint"/>). Only strings are kept, never anything of a message.
/// </summary>
internal static class WrappedTextBlocks
{
    private static readonly ConcurrentDictionary<(int Width, string NewLine), RecentResults<string>> _byLayout = new();

    /// <summary>The wrapped block of <paramref name="source"/>: the same text <see cref="PlainTextRenderer.Wrap"/> joined with <paramref name="newLine"/> gives.</summary>
    public static string Of(string source, int width, string newLine) =>
        _byLayout.GetOrAdd((width, newLine), layout => new RecentResults<string>(text => string.Join(layout.NewLine, PlainTextRenderer.Wrap(text, layout.Width))))
            .Get(source);
}
