using System;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// Whether offsets of one HTML string lie inside a comment or a raw-text element (<c>script</c>, <c>style</c>, …), where
/// a tag-like string is not a tag. The rule: the last opener that ends at or before the offset, without its closer
/// between the two (openers in their usual lower-case and upper-case spellings, closers in any case).
/// </summary>
/// <remarks>
/// The locator asks about its body tag and then about each candidate marker tag, further down the HTML each time. A
/// backward search per opener spelling scanned back to the start of the document for every opener that never occurs
/// (thirteen spellings), once per question: about 3 % of stamping a 40 KB reply. Here one forward pass over the
/// <c>&lt;</c> characters records where each opener last occurred, and a later question goes on from where the
/// previous one stopped; a question about an earlier offset starts again from the beginning.
/// </remarks>
internal sealed class RawTextRegions
{
    private const string _commentOpener = "<!--";
    private const string _commentCloser = "-->";

    private static readonly string[] _containers = { "<script", "<style", "<title", "<textarea", "<xmp", "<noscript" };
    private static readonly string[] _upperContainers = Array.ConvertAll(_containers, c => c.ToUpperInvariant());
    private static readonly string[] _closers = Array.ConvertAll(_containers, c => "</" + c.Substring(1));
    private static readonly int _longestOpener = Math.Max(_commentOpener.Length, MaxLength(_containers));

    private readonly string _html;
    private readonly int[] _lastContainer = new int[_containers.Length];
    private int _lastComment;

    // Every '<' before this offset has been recorded; openers found there end before _askedUpTo.
    private int _next;
    private int _askedUpTo = -1;

    /// <summary>Creates the checker for <paramref name="html"/>.</summary>
    public RawTextRegions(string html)
    {
        _html = html ?? throw new ArgumentNullException(nameof(html));
        Reset();
    }

    /// <summary>Whether <paramref name="index"/> lies inside a comment or a raw-text element.</summary>
    public bool Contains(int index)
    {
        if (index < _askedUpTo)
        {
            Reset();
        }

        _askedUpTo = index;

        // Openers starting here end at or before the offset whatever their length; closer ones are checked on their own.
        var settled = Math.Min(_html.Length, index - _longestOpener + 2);
        while (_next < settled)
        {
            var at = _html.IndexOf('<', _next, settled - _next);
            if (at < 0)
            {
                _next = settled;
                break;
            }

            Record(at, int.MaxValue);
            _next = at + 1;
        }

        var comment = _lastComment;
        Span<int> containers = stackalloc int[_lastContainer.Length];
        _lastContainer.CopyTo(containers);
        for (var at = _next; at <= index && at < _html.Length; at++)
        {
            if (_html[at] == '<')
            {
                comment = Math.Max(comment, StartsAt(at, _commentOpener, index) ? at : -1);
                for (var i = 0; i < _containers.Length; i++)
                {
                    if (StartsAt(at, _containers[i], index) || StartsAt(at, _upperContainers[i], index))
                    {
                        containers[i] = at;
                    }
                }
            }
        }

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
            if (containers[i] >= 0)
            {
                var close = _html.IndexOf(_closers[i], containers[i], StringComparison.OrdinalIgnoreCase);
                if (close < 0 || close > index)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Reset()
    {
        _next = 0;
        _askedUpTo = -1;
        _lastComment = -1;
        for (var i = 0; i < _lastContainer.Length; i++)
        {
            _lastContainer[i] = -1;
        }
    }

    private void Record(int at, int index)
    {
        if (StartsAt(at, _commentOpener, index))
        {
            _lastComment = at;
            return;
        }

        for (var i = 0; i < _containers.Length; i++)
        {
            if (StartsAt(at, _containers[i], index) || StartsAt(at, _upperContainers[i], index))
            {
                _lastContainer[i] = at;
                return;
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> starts at <paramref name="at"/> and ends at or before <paramref name="index"/>.</summary>
    private bool StartsAt(int at, string value, int index) =>
        at + value.Length - 1 <= Math.Min(index, _html.Length - 1) && string.CompareOrdinal(_html, at, value, 0, value.Length) == 0;

    private static int MaxLength(string[] values)
    {
        var max = 0;
        foreach (var value in values)
        {
            max = Math.Max(max, value.Length);
        }

        return max;
    }
}
