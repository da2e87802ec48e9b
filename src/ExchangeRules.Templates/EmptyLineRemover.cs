using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace ExchangeRules.Templates;

/// <summary>
/// "Drop the line when empty": a line whose placeholders all came out empty disappears, with its static text
/// ("Mobile: " and all). A line without placeholders always stays. In HTML a line is, innermost first, a
/// table row, list item, paragraph or div; then a run of text ending in <c>&lt;br&gt;</c> or a newline, as long
/// as its tags are balanced (so removing it can never break the surrounding markup).
/// </summary>
internal static class EmptyLineRemover
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(2);

    private static readonly Regex[] _htmlBlocks =
    {
        Block("tr"), Block("li"), Block("p"), Block("div"),
    };

    private static readonly Regex _htmlLineBreak = new(
        @"(<br\s*/?>[ \t]*(?:\r?\n)?|\r?\n)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, _timeout);

    private static readonly Regex _textLineBreak = new(@"(\r?\n)", RegexOptions.CultureInvariant, _timeout);

    private static readonly Regex _tag = new(
        @"<(?<close>/?)(?<name>[A-Za-z][A-Za-z0-9]*)\b[^>]*?(?<self>/?)>", RegexOptions.CultureInvariant, _timeout);

    private static readonly HashSet<string> _voidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    public static string Apply(string rendered, bool html)
    {
        var text = rendered;
        if (text.IndexOf(Placement.Empty) < 0)
        {
            return Strip(text);
        }

        if (html)
        {
            foreach (var block in _htmlBlocks)
            {
                text = block.Replace(text, match => IsEmptyLine(match.Value) ? string.Empty : match.Value);
            }
        }

        var parts = (html ? _htmlLineBreak : _textLineBreak).Split(text);
        var builder = new StringBuilder(text.Length);

        // Split keeps the separators at odd indexes: content, break, content, break, ...
        for (var i = 0; i < parts.Length; i += 2)
        {
            var content = parts[i];
            var lineBreak = i + 1 < parts.Length ? parts[i + 1] : string.Empty;
            if (IsEmptyLine(content) && (!html || IsBalanced(content)))
            {
                continue;
            }

            builder.Append(content).Append(lineBreak);
        }

        return Strip(builder.ToString());
    }

    private static Regex Block(string name) => new(
        $@"[ \t]*<{name}\b[^>]*>(?:(?!<{name}\b).)*?</{name}\s*>[ \t]*(?:\r?\n)?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline,
        _timeout);

    private static bool IsEmptyLine(string line) => line.IndexOf(Placement.Empty) >= 0 && line.IndexOf(Placement.Filled) < 0;

    private static bool IsBalanced(string fragment)
    {
        var open = new Stack<string>();
        foreach (Match tag in _tag.Matches(fragment))
        {
            var name = tag.Groups["name"].Value;
            if (_voidElements.Contains(name) || tag.Groups["self"].Length > 0)
            {
                continue;
            }

            if (tag.Groups["close"].Length == 0)
            {
                open.Push(name);
            }
            else if (open.Count == 0 || !open.Pop().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return open.Count == 0;
    }

    private static string Strip(string text) =>
        text.IndexOf(Placement.Filled) < 0 && text.IndexOf(Placement.Empty) < 0
            ? text
            : text.Replace(Placement.Filled.ToString(), string.Empty).Replace(Placement.Empty.ToString(), string.Empty);
}
