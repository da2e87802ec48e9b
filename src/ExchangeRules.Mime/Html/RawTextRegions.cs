using System;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// Whether offsets of one HTML string lie inside a comment or a raw-text element (<c>script</c>, <c>style</c>, …), where
/// a tag-like string is not a tag. The rule is the last opener before the offset without its closer in between.
/// </summary>
/// <remarks>
/// The locator asks about its body tag and then about each candidate marker tag, further down the HTML each time. A
/// plain backward search per opener scanned back to the start of the document for every opener that never occurs
/// (thirteen spellings), once per question: about 3 % of stamping a 40 KB reply. Each opener's search now remembers
/// how far it has looked, so a later offset only searches the stretch after the one before.
/// </remarks>
internal sealed class RawTextRegions
{
    private const string _commentOpener = "<!--";
    private const string _commentCloser = "-->";

    // The usual spellings, searched ordinally: a case-insensitive backward search is not vectorised.
    private static readonly string[] _containers = { "<script", "<style", "<title", "<textarea", "<xmp", "<noscript" };
    private static readonly string[] _closers = Array.ConvertAll(_containers, c => "</" + c.Substring(1));

    private readonly string _html;
    private readonly BackwardSearch _comments;
    private readonly BackwardSearch[] _lowerCase;
    private readonly BackwardSearch[] _upperCase;

    /// <summary>Creates the checker for <paramref name="html"/>.</summary>
    public RawTextRegions(string html)
    {
        _html = html ?? throw new ArgumentNullException(nameof(html));
        _comments = new BackwardSearch(_html, _commentOpener);
        _lowerCase = Array.ConvertAll(_containers, c => new BackwardSearch(_html, c));
        _upperCase = Array.ConvertAll(_containers, c => new BackwardSearch(_html, c.ToUpperInvariant()));
    }

    /// <summary>Whether <paramref name="index"/> lies inside a comment or a raw-text element.</summary>
    public bool Contains(int index)
    {
        var comment = _comments.LastAtOrBefore(index);
        if (comment >= 0)
        {
            var close = _html.IndexOf(_commentCloser, comment + _commentOpener.Length, StringComparison.Ordinal);
            if (close < 0 || close > index)
            {
                return true;
            }
        }

        for (var i = 0; i < _containers.Length; i++)
        {
            var open = Math.Max(_lowerCase[i].LastAtOrBefore(index), _upperCase[i].LastAtOrBefore(index));
            if (open >= 0)
            {
                var close = _html.IndexOf(_closers[i], open, StringComparison.OrdinalIgnoreCase);
                if (close < 0 || close > index)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// <c>text.LastIndexOf(value, startIndex, StringComparison.Ordinal)</c> for one text and value, remembering what it
    /// has searched: for a start index at or after the previous one, only the new stretch is searched.
    /// </summary>
    internal sealed class BackwardSearch
    {
        private readonly string _text;
        private readonly string _value;
        private int _searchedThrough = -1;
        private int _last = -1;

        public BackwardSearch(string text, string value)
        {
            _text = text;
            _value = value;
        }

        /// <summary>The start of the last occurrence that ends at or before <paramref name="startIndex"/>, or -1.</summary>
        public int LastAtOrBefore(int startIndex)
        {
            if (startIndex < _searchedThrough)
            {
                return _text.LastIndexOf(_value, startIndex, StringComparison.Ordinal);
            }

            // Occurrences that end after the stretch already searched: they start after its last possible start.
            var count = _searchedThrough < 0 ? startIndex + 1 : Math.Min(startIndex + 1, startIndex - _searchedThrough + _value.Length - 1);
            var found = _text.LastIndexOf(_value, startIndex, count, StringComparison.Ordinal);
            if (found >= 0)
            {
                _last = found;
            }

            _searchedThrough = startIndex;
            return _last;
        }
    }
}
