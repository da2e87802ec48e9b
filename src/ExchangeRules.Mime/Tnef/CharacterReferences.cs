using System;
using System.Globalization;
using System.Text;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// Makes HTML fit a code page: a character the code page cannot carry (a signature's name in another script in a
/// Windows-1252 message) becomes a numeric character reference, which every HTML reader turns back into it.
/// </summary>
internal static class CharacterReferences
{
    /// <summary>The HTML unchanged when the code page carries it, else with references for what it cannot carry.</summary>
    public static string ForCodePage(string html, int codePage)
    {
        var strict = Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            strict.GetByteCount(html);
            return html;
        }
        catch (EncoderFallbackException)
        {
        }

        var result = new StringBuilder(html.Length + 64);
        for (var i = 0; i < html.Length; i++)
        {
            var length = char.IsHighSurrogate(html[i]) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]) ? 2 : 1;
            var unit = html.Substring(i, length);
            if (Encodes(strict, unit))
            {
                result.Append(unit);
            }
            else
            {
                var scalar = length == 2 ? char.ConvertToUtf32(html[i], html[i + 1]) : html[i];
                result.Append("&#").Append(scalar.ToString(CultureInfo.InvariantCulture)).Append(';');
            }

            i += length - 1;
        }

        return result.ToString();
    }

    private static bool Encodes(Encoding strict, string unit)
    {
        try
        {
            strict.GetByteCount(unit);
            return true;
        }
        catch (Exception ex) when (ex is EncoderFallbackException or ArgumentException)
        {
            return false;
        }
    }
}
