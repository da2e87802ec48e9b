using System;
using System.Linq;

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
    private const int _none = -2;
    private const int _comment = -1;

    // iframe, noframes and noembed hold raw text (HTML Standard 13.2.6.4.7); a template's content is parsed but never
    // rendered, so a tag inside it is no body tag and no reply marker either.
    private static readonly string[] _containers = { "<script", "<style", "<title", "<textarea", "<xmp", "<noscript", "<iframe", "<noframes", "<noembed", "<template" };
    private static readonly string[] _upperContainers = Array.ConvertAll(_containers, c => c.ToUpperInvariant());
    private static readonly string[] _closers = Array.ConvertAll(_containers, c => "</" + c.Substring(1));
    private static readonly int _longestOpener = Math.Max(_commentOpener.Length, _containers.Max(c => c.Length));

    private readonly string _html;
    private readonly int[] _lastContainer = new int[_containers.Length];
    private int _lastComment;

    // Every '<' before _next is recorded. A question about an offset before the previous one starts again.
    private int _next;
    private int _askedUpTo;

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

        // An opener that starts before this ends at or before the offset whatever its length, so it is recorded for good;
        // the few '<' after it count for this question only, if their opener ends in time.
        var settled = Math.Min(_html.Length, index - _longestOpener + 2);
        while (_next < settled)
        {
            var at = _html.IndexOf('<', _next, settled - _next);
            if (at < 0)
            {
                _next = settled;
                break;
            }

            Remember(OpenerAt(at, _html.Length - 1), at, ref _lastComment, _lastContainer);
            _next = at + 1;
        }

        var comment = _lastComment;
        Span<int> containers = stackalloc int[_lastContainer.Length];
        _lastContainer.CopyTo(containers);
        for (var at = _next; at <= index && at < _html.Length; at++)
        {
            if (_html[at] == '<')
            {
                Remember(OpenerAt(at, index), at, ref comment, containers);
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

    private static void Remember(int opener, int at, ref int comment, Span<int> containers)
    {
        if (opener == _comment)
        {
            comment = at;
        }
        else if (opener >= 0)
        {
            containers[opener] = at;
        }
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

    /// <summary>
    /// Which opener starts at <paramref name="at"/> and ends at or before <paramref name="last"/>: <see cref="_comment"/>,
    /// the index of a raw-text container, or <see cref="_none"/>.
    /// </summary>
    private int OpenerAt(int at, int last)
    {
        // Most '<' open an ordinary tag: the character after it rules out every opener but a few (every opener is
        // longer than two characters, so one that ends in time has that character).
        if (at + 1 >= _html.Length || at + 1 > last || !CanStartOpener(_html[at + 1]))
        {
            return _none;
        }

        if (StartsAt(at, _commentOpener, last))
        {
            return _comment;
        }

        for (var i = 0; i < _containers.Length; i++)
        {
            if (StartsAt(at, _containers[i], last) || StartsAt(at, _upperContainers[i], last))
            {
                return i;
            }
        }

        return _none;
    }

    /// <summary>Whether an opener (in its lower-case or upper-case spelling) can have <paramref name="second"/> after its '&lt;'.</summary>
    private static bool CanStartOpener(char second) => second is '!' or 's' or 't' or 'x' or 'n' or 'i' or 'S' or 'T' or 'X' or 'N' or 'I';

    private bool StartsAt(int at, string value, int last) =>
        at + value.Length - 1 <= Math.Min(last, _html.Length - 1) && string.CompareOrdinal(_html, at, value, 0, value.Length) == 0;
}
