using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ExchangeRules.Mime.Markers;

/// <summary>
/// The ordered list of quoted-history markers the editor looks for. The built-in list ships as an embedded
/// resource (<c>ReplyMarkers.xml</c>); admins can load their own file in the same format.
/// </summary>
public sealed class ReplyMarkerSet
{
    private const string _resourceName = "ExchangeRules.Mime.Markers.ReplyMarkers.xml";
    private static readonly Lazy<ReplyMarkerSet> _default = new(LoadDefault);
    private static readonly char[] _anchorSeparator = { '|' };

    /// <summary>Creates a set from markers, in priority order.</summary>
    public ReplyMarkerSet(IEnumerable<ReplyMarker> markers)
    {
        if (markers is null)
        {
            throw new ArgumentNullException(nameof(markers));
        }

        Markers = markers.ToList();
        HtmlMarkers = Markers.Where(m => m.Kind == ReplyMarkerKind.Html).ToList();
        TextMarkers = Markers.Where(m => m.Kind == ReplyMarkerKind.Text).ToList();
        UnanchoredTextMarkers = TextMarkers.Where(m => m.Anchors.Count == 0).ToList();
        HtmlTextMarkers = TextMarkers.Where(m => !m.PlainTextOnly).ToList();
        HtmlLineMarkers = HtmlTextMarkers.Where(m => m.RequiresNext is null).ToList();
        HtmlAnchors = AnchorSearcherOf(HtmlMarkers.Concat(HtmlTextMarkers));
        HtmlAttributeAnchors = AnchorSearcherOf(HtmlMarkers);
        HtmlTextAnchors = AnchorSearcherOf(HtmlTextMarkers);
        HtmlLineAnchors = AnchorSearcherOf(HtmlLineMarkers);
        TextAnchors = TextMarkers.Count <= 64 ? TaggedAnchorSearcherOf(TextMarkers) : AnchorSearcherOf(TextMarkers.Where(m => m.Anchors.Count > 0));
        TextAnchorsAreTagged = TextMarkers.Count <= 64 && TextAnchors is not null;
        if (HtmlLineMarkers.Count > 0)
        {
            // One alternation instead of one regex per marker: HTML bodies have tens of thousands of text nodes.
            var alternation = string.Join("|", HtmlLineMarkers.Select((m, i) => $"(?<m{i}>{m.Pattern})"));
            HtmlTextPattern = new Regex(alternation, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>The built-in markers (Outlook desktop, web and mobile, Gmail, Apple Mail, Thunderbird, Yahoo, localised attribution lines).</summary>
    public static ReplyMarkerSet Default => _default.Value;

    /// <summary>All markers in priority order.</summary>
    public IReadOnlyList<ReplyMarker> Markers { get; }

    internal IReadOnlyList<ReplyMarker> HtmlMarkers { get; }

    internal IReadOnlyList<ReplyMarker> TextMarkers { get; }

    /// <summary>The text markers without anchors, in the list's order: the only ones a line without an anchor can match.</summary>
    internal IReadOnlyList<ReplyMarker> UnanchoredTextMarkers { get; }

    /// <summary>The text markers that also apply to HTML blocks (the first one or two lines of a block), in order.</summary>
    internal IReadOnlyList<ReplyMarker> HtmlTextMarkers { get; }

    /// <summary>The HTML text markers that decide on one line alone (no <see cref="ReplyMarker.RequiresNext"/>), in order.</summary>
    internal IReadOnlyList<ReplyMarker> HtmlLineMarkers { get; }

    /// <summary>
    /// The anchors of every marker that applies to HTML in one searcher (one pass finds the first), or
    /// <see langword="null"/> when one of them has none: then the quoted history can only be found by parsing the whole part.
    /// </summary>
    internal AnchorSearcher? HtmlAnchors { get; }

    /// <summary>The anchors of the HTML (attribute) markers, or <see langword="null"/> when one has none.</summary>
    internal AnchorSearcher? HtmlAttributeAnchors { get; }

    /// <summary>The anchors of the text markers that apply to HTML, or <see langword="null"/> when one has none.</summary>
    internal AnchorSearcher? HtmlTextAnchors { get; }

    /// <summary>
    /// The anchors of the one-line HTML text markers, or <see langword="null"/> when one has none: the only text markers
    /// that can make a block enclosing an HTML marker's tag match by text that follows the tag (a header block such as
    /// Outlook's From:/Sent: lies inside or right after its own marker and never moves the answer before the tag).
    /// </summary>
    internal AnchorSearcher? HtmlLineAnchors { get; }

    /// <summary>All <see cref="HtmlLineMarkers"/> as one pattern with a named group per marker (m0, m1, ...).</summary>
    internal Regex? HtmlTextPattern { get; }

    /// <summary>
    /// The anchors of the text markers that have them, in one searcher (<see langword="null"/> when none has): a plain-text
    /// line is tested against a marker with anchors only when it or the next line contains one of that marker's anchors.
    /// </summary>
    internal AnchorSearcher? TextAnchors { get; }

    /// <summary>
    /// Whether <see cref="TextAnchors"/> tags each anchor with its marker's index in <see cref="TextMarkers"/> (up to 64
    /// text markers), so a line's anchors name the markers worth trying; a longer list tries them all on anchored lines.
    /// </summary>
    internal bool TextAnchorsAreTagged { get; }

    /// <summary>Loads a marker file (the format of the built-in <c>ReplyMarkers.xml</c>).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid marker list; the message names the element.</exception>
    public static ReplyMarkerSet Load(Stream xml)
    {
        if (xml is null)
        {
            throw new ArgumentNullException(nameof(xml));
        }

        XDocument document;
        try
        {
            document = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"The reply marker file is not well-formed XML: {ex.Message}", ex);
        }

        if (document.Root is null || document.Root.Name.LocalName != "replyMarkers")
        {
            throw new InvalidDataException("The reply marker file must have a <replyMarkers> root element.");
        }

        var markers = new List<ReplyMarker>();
        foreach (var element in document.Root.Elements())
        {
            markers.Add(Parse(element));
        }

        return new ReplyMarkerSet(markers);
    }

    /// <summary>Loads a marker file from a path.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid marker list.</exception>
    public static ReplyMarkerSet Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    private static ReplyMarker Parse(XElement element)
    {
        var line = ((IXmlLineInfo)element).LineNumber;
        var name = (string?)element.Attribute("name") ?? $"line-{line}";
        var pattern = (string?)element.Attribute("pattern") ?? string.Empty;
        try
        {
            return element.Name.LocalName switch
            {
                "html" => new ReplyMarker(name, ReplyMarkerKind.Html, pattern, (string?)element.Attribute("element"), (string?)element.Attribute("attribute"), anchors: Anchors(element)),
                "text" => new ReplyMarker(
                    name,
                    ReplyMarkerKind.Text,
                    pattern,
                    requiresNext: (string?)element.Attribute("requiresNext"),
                    plainTextOnly: string.Equals((string?)element.Attribute("plainTextOnly"), "true", StringComparison.OrdinalIgnoreCase),
                    anchors: Anchors(element)),
                _ => throw new ArgumentException($"Unknown element <{element.Name.LocalName}>; expected <html> or <text>."),
            };
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Invalid reply marker at line {line}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// One searcher for all the markers' anchors: one pass finds the first, where one case-insensitive IndexOf per
    /// anchor would scan the text dozens of times.
    /// </summary>
    private static AnchorSearcher? AnchorSearcherOf(IEnumerable<ReplyMarker> markers)
    {
        var anchors = new List<string>();
        foreach (var marker in markers)
        {
            if (marker.Anchors.Count == 0)
            {
                return null;
            }

            anchors.AddRange(marker.Anchors);
        }

        if (anchors.Count == 0)
        {
            return null;
        }

        return new AnchorSearcher(anchors);
    }

    /// <summary>
    /// The markers' anchors in one searcher, each tagged with its marker's index in <paramref name="markers"/> (at most
    /// 64), or <see langword="null"/> when no marker has anchors.
    /// </summary>
    private static AnchorSearcher? TaggedAnchorSearcherOf(IReadOnlyList<ReplyMarker> markers)
    {
        var anchors = markers.SelectMany((marker, index) => marker.Anchors.Select(anchor => (anchor, index))).ToList();
        return anchors.Count == 0 ? null : new AnchorSearcher(anchors);
    }

    private static string[]? Anchors(XElement element) =>
        ((string?)element.Attribute("anchors"))?.Split(_anchorSeparator, StringSplitOptions.RemoveEmptyEntries);

    private static ReplyMarkerSet LoadDefault()
    {
        using var stream = typeof(ReplyMarkerSet).Assembly.GetManifestResourceStream(_resourceName)
            ?? throw new InvalidOperationException($"The embedded resource {_resourceName} is missing from the assembly.");
        return Load(stream);
    }
}
