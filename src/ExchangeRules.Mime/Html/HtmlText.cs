using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AngleSharp.Dom;

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
        var document = HtmlParsing.Parse(html ?? string.Empty);
        var builder = new StringBuilder();
        if (document.Body is not null)
        {
            Append(document.Body, builder);
        }

        var lines = builder.ToString().Split('\n').Select(l => KeepSignatureSeparator(l, string.Join(" ", l.Split(_spaces, StringSplitOptions.RemoveEmptyEntries))));
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

    /// <summary>"-- " followed by a space in the source stays the signature separator (its trailing space is what marks it).</summary>
    private static string KeepSignatureSeparator(string raw, string collapsed) =>
        collapsed == "--" && raw.TrimStart(_spaces).Length > 2 ? ExchangeRules.Mime.Text.PlainTextRenderer.SignatureSeparator : collapsed;

    /// <summary>Iterative (hostile markup nests tens of thousands of elements; recursion would overflow the stack).</summary>
    private static void Append(INode root, StringBuilder builder)
    {
        // A null entry on the stack closes a block element: its trailing line break.
        var stack = new Stack<INode?>();
        PushChildren(root, stack);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case null:
                    builder.Append('\n');
                    break;
                case IText text:
                    builder.Append(text.Data);
                    break;
                case IElement element when IsOneOf(element.LocalName, _skipped):
                    break;
                case IElement element:
                    if (IsOneOf(element.LocalName, _blocks))
                    {
                        builder.Append('\n');
                        stack.Push(null);
                    }

                    PushChildren(element, stack);
                    break;
            }
        }
    }

    private static void PushChildren(INode node, Stack<INode?> stack)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push(children[i]);
        }
    }

    private static bool IsOneOf(string name, string[] names) => Array.IndexOf(names, name) >= 0;
}
