using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ExchangeRules.Cli.Migration;

/// <summary>
/// The plain-text variant of an imported <c>ApplyHtmlDisclaimerText</c>, for plain-text messages (Exchange converts
/// the HTML itself; a rules file names both variants): block ends and <c>br</c> become line breaks, a web link keeps
/// its target, an image its alt text; <c>%%Token%%</c> placeholders stay as they are.
/// </summary>
internal static partial class HtmlDisclaimerText
{
    private static readonly string[] _blocks = { "P", "DIV", "TR", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "TABLE", "UL", "OL", "BLOCKQUOTE", "HR" };

    public static string Convert(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        Append(document.Body ?? (INode)document, text);
        var lines = text.ToString().Split('\n').Select(line => Spaces().Replace(line, " ").Trim());
        return BlankLines().Replace(string.Join("\n", lines), "\n\n").Trim() + "\n";
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    text.Append(textNode.Data.Replace('\r', ' ').Replace('\n', ' '));
                    break;
                case IElement { TagName: "BR" }:
                    text.Append('\n');
                    break;
                case IElement { TagName: "SCRIPT" or "STYLE" or "HEAD" or "TITLE" }:
                    break;
                case IElement { TagName: "IMG" } image:
                    text.Append(image.GetAttribute("alt"));
                    break;
                case IElement { TagName: "A" } link:
                    Append(link, text);
                    var href = link.GetAttribute("href") ?? string.Empty;
                    if ((href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                        && !string.Equals(link.TextContent.Trim(), href, StringComparison.OrdinalIgnoreCase))
                    {
                        text.Append(" <").Append(href).Append('>');
                    }

                    break;
                case IElement { TagName: "TD" or "TH" } cell:
                    Append(cell, text);
                    text.Append(' ');
                    break;
                case IElement element:
                    var block = _blocks.Contains(element.TagName, StringComparer.Ordinal);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    Append(element, text);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    [GeneratedRegex(@"[ \t\u00A0]+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLines();
}
