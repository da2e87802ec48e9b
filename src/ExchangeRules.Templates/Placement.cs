using System;
using System.Text;

namespace ExchangeRules.Templates;

/// <summary>
/// Encodes a placeholder's value for where it stands and brackets it with markers that the empty-line
/// pass reads: <see cref="Filled"/> before a value that has text, <see cref="Empty"/> for one that has none.
/// The markers are control characters that values can never contain (they are stripped from values).
/// </summary>
internal static class Placement
{
    public const char Filled = '\u0001';
    public const char Empty = '\u0002';

    private static readonly char[] _urlForbidden = { ' ', '\t', '\r', '\n', '"', '\'', '<', '>', '\\' };

    private static readonly string[] _urlSchemes = { "http", "https", "mailto", "tel", "cid" };

    public static string Place(string? value, PlacementContext context)
    {
        var clean = Sanitize(value ?? string.Empty);
        if (context == PlacementContext.Url)
        {
            clean = ValidUrl(clean) ?? string.Empty;
        }

        if (clean.Trim().Length == 0)
        {
            return Empty.ToString();
        }

        return Filled + context switch
        {
            PlacementContext.Text => clean,
            PlacementContext.Html => EncodeHtml(clean, attribute: false),
            _ => EncodeHtml(clean, attribute: true),
        };
    }

    /// <summary>The URL if it is absolute with an allowed scheme (a bare host gets https://), else null.</summary>
    public static string? ValidUrl(string value)
    {
        var url = value.Trim();
        if (url.Length == 0 || url.IndexOfAny(_urlForbidden) >= 0)
        {
            return null;
        }

        var colon = url.IndexOf(':');
        var slash = url.IndexOf('/');
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            // "www.contoso.com" as AD's wWWHomePage often holds it.
            url = "https://" + url;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        foreach (var scheme in _urlSchemes)
        {
            if (uri.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return url;
            }
        }

        return null;
    }

    public static string EncodeHtml(string value, bool attribute)
    {
        var builder = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '`' when attribute: builder.Append("&#96;"); break;
                case '=' when attribute: builder.Append("&#61;"); break;
                case ' ' when attribute: builder.Append("&#32;"); break;
                case '\r':
                    break;
                case '\n':
                    builder.Append(attribute ? "&#32;" : "<br>");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Removes control characters (except line breaks and tabs) so no value can carry a marker.</summary>
    private static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c >= ' ' || c is '\n' or '\r' or '\t')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Replace("\r\n", "\n");
    }
}
