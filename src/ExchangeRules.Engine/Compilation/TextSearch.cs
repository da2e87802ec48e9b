using System;

namespace ExchangeRules.Engine.Compilation;

/// <summary>Case-insensitive word and substring search (ordinal, culture-independent).</summary>
internal static class TextSearch
{
    /// <summary>Whether <paramref name="text"/> contains <paramref name="word"/> with no letter or digit directly around it.</summary>
    public static bool ContainsWord(string text, string word)
    {
        var start = 0;
        while (start <= text.Length - word.Length)
        {
            var index = text.IndexOf(word, start, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return false;
            }

            var end = index + word.Length;
            var boundaryBefore = index == 0 || !char.IsLetterOrDigit(text[index - 1]) || !char.IsLetterOrDigit(word[0]);
            var boundaryAfter = end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(word[word.Length - 1]);
            if (boundaryBefore && boundaryAfter)
            {
                return true;
            }

            start = index + 1;
        }

        return false;
    }

    public static bool Contains(string text, string value) => text.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0;
}
