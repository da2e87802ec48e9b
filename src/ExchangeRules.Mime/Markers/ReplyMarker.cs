using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeRules.Mime.Markers;

/// <summary>One way a mail client marks the start of quoted or forwarded history.</summary>
public sealed class ReplyMarker
{
    private static readonly TimeSpan _matchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Creates a marker. Patterns are .NET regular expressions, matched case-insensitively with a timeout.</summary>
    /// <param name="name">A short name shown in traces, for example <c>gmail-quote</c>.</param>
    /// <param name="kind">Whether the marker is an HTML element or a text line.</param>
    /// <param name="pattern">The pattern for the attribute value (HTML) or the line (text).</param>
    /// <param name="element">For HTML markers, the tag name or <c>*</c>.</param>
    /// <param name="attribute">For HTML markers, the attribute whose value is matched.</param>
    /// <param name="requiresNext">For text markers, a pattern the following line must match too, or <see langword="null"/>.</param>
    /// <param name="plainTextOnly">Whether a text marker applies only to text/plain bodies.</param>
    /// <param name="anchors">
    /// Literal strings (case-insensitive) at least one of which occurs in the raw HTML wherever the marker matches, for
    /// example <c>gmail_quote</c> or <c>wrote</c>; they let the editor find the quoted history without parsing the whole
    /// HTML part; a text marker with anchors is tried on a plain-text line only when the line (or, for wrapped lines, the
    /// next one) contains one of them. <see langword="null"/> or empty: the marker has no anchor, every HTML body is
    /// parsed whole and a text marker is tried on every plain-text line.
    /// </param>
    /// <exception cref="ArgumentException">A pattern is not a valid regular expression or a required value is missing.</exception>
    public ReplyMarker(string name, ReplyMarkerKind kind, string pattern, string? element = null, string? attribute = null, string? requiresNext = null, bool plainTextOnly = false, IReadOnlyList<string>? anchors = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A reply marker needs a name.", nameof(name));
        }

        if (kind == ReplyMarkerKind.Html && string.IsNullOrWhiteSpace(attribute))
        {
            throw new ArgumentException($"The HTML reply marker '{name}' needs an attribute.", nameof(attribute));
        }

        Name = name;
        Kind = kind;
        Element = string.IsNullOrWhiteSpace(element) ? "*" : element!.Trim();
        Attribute = attribute?.Trim() ?? string.Empty;
        Pattern = Compile(name, pattern);
        RequiresNext = requiresNext is null ? null : Compile(name, requiresNext);
        PlainTextOnly = plainTextOnly;
        Anchors = anchors is null ? Array.Empty<string>() : anchors.Where(a => !string.IsNullOrEmpty(a)).ToArray();
    }

    /// <summary>The marker's name.</summary>
    public string Name { get; }

    /// <summary>Whether the marker is an HTML element or a text line.</summary>
    public ReplyMarkerKind Kind { get; }

    /// <summary>For HTML markers, the tag name or <c>*</c>.</summary>
    public string Element { get; }

    /// <summary>For HTML markers, the attribute whose value is matched.</summary>
    public string Attribute { get; }

    /// <summary>The compiled pattern.</summary>
    public Regex Pattern { get; }

    /// <summary>For text markers, the pattern the following line must also match, or <see langword="null"/>.</summary>
    public Regex? RequiresNext { get; }

    /// <summary>Whether a text marker applies only to text/plain bodies.</summary>
    public bool PlainTextOnly { get; }

    /// <summary>Literal strings one of which occurs in the raw HTML wherever the marker matches (empty: not anchored).</summary>
    public IReadOnlyList<string> Anchors { get; }

    internal bool MatchesElement(string tagName) =>
        Element == "*" || string.Equals(Element, tagName, StringComparison.OrdinalIgnoreCase);

    private static Regex Compile(string name, string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            throw new ArgumentException($"The reply marker '{name}' needs a pattern.", nameof(pattern));
        }

        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, _matchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The pattern of reply marker '{name}' is not a valid regular expression: {ex.Message}", nameof(pattern), ex);
        }
    }
}
