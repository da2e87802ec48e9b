using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Templates;

/// <summary>
/// Turns an admin's template into the Liquid that is compiled: Exchange's <c>%%_token%%</c> become placeholders,
/// forbidden tags (includes, raw output) are refused, and every <c>{{ }}</c> is routed through the placement
/// filter that encodes it for where it stands (text, HTML, attribute, URL) and marks it for empty-line removal.
/// Where no encoding makes a value safe (script, style, event handlers, after a javascript: scheme) the placeholder
/// is refused with its location.
/// Newlines are never added or removed, and every edit is recorded (<see cref="RewrittenSource"/>), so an error
/// Fluid finds in the rewritten text is reported at the admin's own line and column.
/// </summary>
internal static class TemplateSourceRewriter
{
    public const string PlaceFilter = "xr_place";

    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(2);

    private static readonly Regex _token = new(@"%%(?<name>[A-Za-z][A-Za-z0-9]*)%%", RegexOptions.CultureInvariant, _timeout);

    private static readonly Regex _forbiddenTag = new(
        @"\{%-?\s*(?<tag>include|render|layout|section|echo|liquid)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, _timeout);

    private static readonly Regex _output = new(
        @"(?<raw>\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})|(?<open>\{\{-?)(?<body>.*?)(?<close>-?\}\})",
        RegexOptions.CultureInvariant | RegexOptions.Singleline,
        _timeout);

    // Every Liquid tag and output, masked before the HTML around placeholders is read.
    private static readonly Regex _liquid = new(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.CultureInvariant | RegexOptions.Singleline, _timeout);

    public static RewrittenSource Rewrite(string source, TemplateFormat format, string sourceName)
    {
        var forbidden = _forbiddenTag.Match(source);
        if (forbidden.Success)
        {
            var (line, column) = Locate(source, forbidden.Index);
            throw new TemplateCompileException(
                $"the '{forbidden.Groups["tag"].Value}' tag is not allowed in templates (no includes; write values with {{{{ }}}})",
                sourceName,
                line,
                column);
        }

        var tokenEdits = new List<RewrittenSource.Edit>();
        var tokens = new StringBuilder(source.Length + 32);
        var copied = 0;
        foreach (Match match in _token.Matches(source))
        {
            if (!ExchangeTokens.Placeholders.TryGetValue(match.Groups["name"].Value, out var placeholder))
            {
                var (line, column) = Locate(source, match.Index);
                throw new TemplateCompileException(
                    $"unknown Exchange token '{match.Value}'", sourceName, line, column);
            }

            tokens.Append(source, copied, match.Index - copied);
            var start = tokens.Length;
            tokens.Append("{{ ").Append(placeholder).Append(" }}");
            tokenEdits.Add(new RewrittenSource.Edit(start, tokens.Length, match.Index, match.Index + match.Length));
            copied = match.Index + match.Length;
        }

        tokens.Append(source, copied, source.Length - copied);
        var withTokens = tokens.ToString();

        var placeEdits = new List<RewrittenSource.Edit>();
        var builder = new StringBuilder(withTokens.Length + 64);
        var last = 0;
        var scanner = format == TemplateFormat.Text ? null : new HtmlContextScanner(_liquid.Replace(withTokens, match => new string(HtmlContextScanner.Mask, match.Length)));
        foreach (Match match in _output.Matches(withTokens))
        {
            builder.Append(withTokens, last, match.Index - last);
            last = match.Index + match.Length;
            if (match.Groups["raw"].Success)
            {
                builder.Append(match.Value);
                continue;
            }

            var context = scanner is null ? PlacementContext.Text : ContextAt(scanner, match.Index, source, tokenEdits, sourceName);
            builder.Append(match.Groups["open"].Value).Append(match.Groups["body"].Value);
            var close = match.Groups["close"].Index;
            var inserted = builder.Length;
            builder.Append(" | ").Append(PlaceFilter).Append(": \"").Append(context.ToString()).Append("\" ");
            placeEdits.Add(new RewrittenSource.Edit(inserted, builder.Length, close, close));
            builder.Append(match.Groups["close"].Value);
        }

        builder.Append(withTokens, last, withTokens.Length - last);
        return new RewrittenSource(source, builder.ToString(), tokenEdits, placeEdits);
    }

    public static (int Line, int Column) Locate(string text, int index)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    private static PlacementContext ContextAt(HtmlContextScanner scanner, int index, string source, List<RewrittenSource.Edit> tokenEdits, string sourceName)
    {
        if (scanner.ContextAt(index, out var refusal) is { } context)
        {
            return context;
        }

        // Located in the admin's own file: the index is in the text after %%Token%% rewriting.
        var (line, column) = Locate(source, RewrittenSource.Map(tokenEdits, index));
        throw new TemplateCompileException(refusal ?? "a placeholder is not allowed here", sourceName, line, column);
    }
}
