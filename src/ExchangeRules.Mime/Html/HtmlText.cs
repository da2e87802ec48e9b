using System;
using System.Linq;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ExchangeRules.Mime.Html;

/// <summary>Reduces HTML to readable plain text (block elements and line breaks become new lines).</summary>
internal static class HtmlText
{
    private static readonly string[] _blocks =
    {
        "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "hr", "ul", "ol",
    };

    private static readonly string[] _skipped = { "script", "style", "head", "title" };
    private static readonly char[] _spaces = { ' ', '\t', '\r', '\u00a0' };

    public static string ToPlainText(string html)
    {
        var document = new HtmlParser().ParseDocument(html ?? string.Empty);
        var builder = new StringBuilder();
        if (document.Body is not null)
        {
            Append(document.Body, builder);
        }

        var lines = builder.ToString().Split('\n').Select(l => string.Join(" ", l.Split(_spaces, StringSplitOptions.RemoveEmptyEntries)));
        var text = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(blank > 0 ? "\n\n" : "\n");
            }

            text.Append(line);
            blank = 0;
        }

        return text.ToString();
    }

    private static void Append(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    builder.Append(text.Data);
                    break;
                case IElement element when _skipped.Contains(element.LocalName):
                    break;
                case IElement element:
                    var block = _blocks.Contains(element.LocalName);
                    if (block)
                    {
                        builder.Append('\n');
                    }

                    Append(element, builder);
                    if (block)
                    {
                        builder.Append('\n');
                    }

                    break;
            }
        }
    }
}
