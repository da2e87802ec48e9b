using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
    }

    /// <summary>The built-in markers (Outlook desktop, web and mobile, Gmail, Apple Mail, Thunderbird, Yahoo, localised attribution lines).</summary>
    public static ReplyMarkerSet Default => _default.Value;

    /// <summary>All markers in priority order.</summary>
    public IReadOnlyList<ReplyMarker> Markers { get; }

    internal IReadOnlyList<ReplyMarker> HtmlMarkers { get; }

    internal IReadOnlyList<ReplyMarker> TextMarkers { get; }

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
                "html" => new ReplyMarker(name, ReplyMarkerKind.Html, pattern, (string?)element.Attribute("element"), (string?)element.Attribute("attribute")),
                "text" => new ReplyMarker(
                    name,
                    ReplyMarkerKind.Text,
                    pattern,
                    requiresNext: (string?)element.Attribute("requiresNext"),
                    plainTextOnly: string.Equals((string?)element.Attribute("plainTextOnly"), "true", StringComparison.OrdinalIgnoreCase)),
                _ => throw new ArgumentException($"Unknown element <{element.Name.LocalName}>; expected <html> or <text>."),
            };
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Invalid reply marker at line {line}: {ex.Message}", ex);
        }
    }

    private static ReplyMarkerSet LoadDefault()
    {
        using var stream = typeof(ReplyMarkerSet).Assembly.GetManifestResourceStream(_resourceName)
            ?? throw new InvalidOperationException($"The embedded resource {_resourceName} is missing from the assembly.");
        return Load(stream);
    }
}
