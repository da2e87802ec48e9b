namespace ExchangeRules.Mime.Html;

/// <summary>Small scans over raw HTML source that several locators share.</summary>
internal static class HtmlTags
{
    /// <summary>The offset just after the '&gt;' that closes the tag starting at <paramref name="tagStart"/>, skipping quoted attribute values.</summary>
    public static int EndOfTag(string html, int tagStart)
    {
        var quote = '\0';
        for (var i = tagStart + 1; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }
}
