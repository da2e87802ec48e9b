using System;
using System.Collections.Generic;
using System.Text;

namespace ExchangeRules.Mime.Text;

/// <summary>
/// Recognises an inserted block in a body's text even after a mail client rewrote it. Outlook desktop (Word) drops
/// our data attributes and comments when a stamped message is replied to, re-wraps lines and may change spaces,
/// punctuation or a link's text; what survives is the block's words. A block is present when the text contains
/// the whole block (whitespace and case ignored), or its first and last words in order, no further apart than
/// twice the block's length.
/// </summary>
internal sealed class BlockFingerprint
{
    private const int _edgeWords = 4;

    // Fewer words than this and only the whole block counts: a few common words prove nothing.
    private const int _minWordsForEdges = 6;

    private static readonly RecentResults<BlockFingerprint> _recent = new(text => new BlockFingerprint(text));

    private readonly string _whole;
    private readonly string? _head;
    private readonly string? _tail;
    private readonly int _letters;

    private BlockFingerprint(string text)
    {
        _whole = PlainTextRenderer.Fingerprint(text);
        var words = Words(text);
        var letters = 0;
        foreach (var word in words)
        {
            letters += word.Length;
        }

        _letters = letters;
        var probeWords = words.Count;
        if (words.Count >= _minWordsForEdges)
        {
            var edge = Math.Min(_edgeWords, words.Count / 2);
            _head = string.Concat(words.GetRange(0, edge));
            _tail = string.Concat(words.GetRange(words.Count - edge, edge));
            probeWords = edge;
        }

        // Both checks need the first words: the probe is one of them.
        Probe = LongestAsciiWord(words, probeWords);
    }

    /// <summary>
    /// A word of the block's beginning (ASCII letters, so an HTML entity cannot hide it in the raw source) that every
    /// text containing the block contains too; <see langword="null"/> when there is none. A raw body without it
    /// cannot contain the block, and need not be parsed to find out.
    /// </summary>
    public string? Probe { get; }

    /// <summary>Whether the block has enough text to be recognised at all.</summary>
    public bool IsUsable => _whole.Length >= 4;

    /// <summary>The fingerprint of a block's text; the same block is stamped message after message, so it is built once.</summary>
    public static BlockFingerprint Of(string text) => _recent.Get(text ?? string.Empty);

    /// <summary>Whether <paramref name="text"/> contains the block.</summary>
    public bool FoundIn(string text)
    {
        if (!IsUsable || string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (PlainTextRenderer.Fingerprint(text).IndexOf(_whole, StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        if (_head is null || _tail is null)
        {
            return false;
        }

        var letters = string.Concat(Words(text));
        var maxSpan = (2 * _letters) + 64;
        for (var head = letters.IndexOf(_head, StringComparison.Ordinal); head >= 0; head = letters.IndexOf(_head, head + 1, StringComparison.Ordinal))
        {
            var tail = letters.IndexOf(_tail, head + _head.Length, StringComparison.Ordinal);
            if (tail < 0)
            {
                return false;
            }

            if (tail + _tail.Length - head <= maxSpan)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower-case runs of letters and digits; punctuation, symbols and whitespace separate them.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static string? LongestAsciiWord(List<string> words, int count)
    {
        string? best = null;
        for (var i = 0; i < count; i++)
        {
            var word = words[i];
            if (word.Length >= 3 && (best is null || word.Length > best.Length) && IsAsciiLetters(word))
            {
                best = word;
            }
        }

        return best;
    }

    private static bool IsAsciiLetters(string word)
    {
        foreach (var c in word)
        {
            if (c is not (>= 'a' and <= 'z'))
            {
                return false;
            }
        }

        return true;
    }
}
