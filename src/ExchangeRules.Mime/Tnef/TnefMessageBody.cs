using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MimeKit.IO;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// Reads and replaces the body of a TNEF message while every other attribute and MAPI property stays byte for byte
/// what it was (voting buttons, flags, categories, meeting data, attachments): only the message-level attMsgProps
/// value is re-encoded, with the body properties changed in place and PR_RTF_IN_SYNC kept truthful.
/// </summary>
public sealed class TnefMessageBody
{
    private static readonly TnefPropertyTag _html = new((TnefPropertyId)0x1013, TnefPropertyType.Binary);

    private readonly TnefDocument _document;
    private readonly int _propertiesIndex;
    private readonly List<MapiProperty> _properties;

    private TnefMessageBody(TnefDocument document, int propertiesIndex, List<MapiProperty> properties)
    {
        _document = document;
        _propertiesIndex = propertiesIndex;
        _properties = properties;
        CodePage = ReadCodePage(document, properties);
        Format = FindFormat(properties);
    }

    /// <summary>The body property the message was saved with (HTML before RTF before plain).</summary>
    public TnefBodyFormat Format { get; }

    /// <summary>The code page of non-Unicode values: PR_INTERNET_CPID, else attOemCodepage, else Windows-1252.</summary>
    public int CodePage { get; }

    /// <summary>The message-level MAPI properties (attMsgProps), in stream order.</summary>
    public IReadOnlyList<MapiProperty> Properties => _properties;

    /// <summary>Reads the message-level properties of a TNEF stream.</summary>
    /// <exception cref="InvalidDataException">The stream has no attMsgProps or it cannot be decoded; the message names the place.</exception>
    public static TnefMessageBody Read(TnefDocument document)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        int index = -1;
        for (int i = 0; i < document.Attributes.Count; i++)
        {
            if (document.Attributes[i].Level == TnefAttributeLevel.Message && document.Attributes[i].Tag == TnefAttributeTag.MapiProperties)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw new InvalidDataException("The TNEF stream has no message properties (attMsgProps).");
        }

        return new TnefMessageBody(document, index, MapiPropertyList.Decode(document.Attributes[index].Value).ToList());
    }

    /// <summary>The HTML body decoded from its code page, or null.</summary>
    public string? Html => Find(_html) is { } html ? Encoding(CodePage).GetString(html.Values[0]) : null;

    /// <summary>The plain body (PR_BODY, Unicode or 8-bit), or null.</summary>
    public string? Plain => (Find(TnefPropertyTag.BodyW) ?? Find(TnefPropertyTag.BodyA)) is { } body ? body.AsString(Encoding(CodePage)) : null;

    /// <summary>The RTF body, decompressed, or null.</summary>
    public byte[]? Rtf => Find(TnefPropertyTag.RtfCompressed) is { } rtf ? Decompress(rtf.Values[0]) : null;

    /// <summary>A document with the HTML body replaced (encoded in the message's code page).</summary>
    /// <exception cref="InvalidOperationException">The message has no HTML body, or the code page cannot carry the new text.</exception>
    public TnefDocument WithHtml(string html) => WithBodies(html ?? throw new ArgumentNullException(nameof(html)), null, null, out _);

    /// <summary>A document with the RTF body replaced (LZFu-compressed again).</summary>
    public TnefDocument WithRtf(byte[] rtf) => WithBodies(null, null, rtf ?? throw new ArgumentNullException(nameof(rtf)), out _);

    /// <summary>A document with the plain body replaced.</summary>
    public TnefDocument WithPlain(string text) => WithBodies(null, text ?? throw new ArgumentNullException(nameof(text)), null, out _);

    /// <summary>
    /// A document with the given bodies replaced at once (<see langword="null"/> leaves a body as it is): the property
    /// list is encoded once, whatever number of bodies changed. <paramref name="htmlBytes"/> is the new PR_HTML value.
    /// </summary>
    /// <exception cref="InvalidOperationException">A body to replace is missing, or the code page cannot carry the new HTML.</exception>
    internal TnefDocument WithBodies(string? html, string? plain, byte[]? rtf, out byte[]? htmlBytes)
    {
        htmlBytes = null;
        var properties = new List<MapiProperty>(_properties);
        if (html is not null)
        {
            MapiProperty current = Find(_html) ?? throw new InvalidOperationException("The TNEF message has no HTML body (PR_HTML).");
            Encoding strict = System.Text.Encoding.GetEncoding(CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            byte[] bytes;
            try
            {
                bytes = strict.GetBytes(html);
            }
            catch (EncoderFallbackException ex)
            {
                throw new InvalidOperationException($"The HTML body's code page {CodePage} cannot carry the new text; use character references.", ex);
            }

            Replace(properties, current, current.WithValues(bytes), rtfInSync: false);
            htmlBytes = bytes;
        }

        if (plain is not null)
        {
            MapiProperty current = (Find(TnefPropertyTag.BodyW) ?? Find(TnefPropertyTag.BodyA)) ?? throw new InvalidOperationException("The TNEF message has no plain body (PR_BODY).");
            byte[] value = current.ValueType == TnefPropertyType.Unicode ? MapiProperty.UnicodeValue(plain) : TerminatedBytes(Encoding(CodePage), plain);
            Replace(properties, current, current.WithValues(value), rtfInSync: null);
        }

        if (rtf is not null)
        {
            MapiProperty current = Find(TnefPropertyTag.RtfCompressed) ?? throw new InvalidOperationException("The TNEF message has no RTF body (PR_RTF_COMPRESSED).");
            Replace(properties, current, current.WithValues(CompressedRtf.Compress(rtf)), rtfInSync: true);
        }

        TnefField field = _document.Attributes[_propertiesIndex];
        return _document.With(_propertiesIndex, field.WithValue(MapiPropertyList.Encode(properties)));
    }

    private static void Replace(List<MapiProperty> properties, MapiProperty current, MapiProperty replacement, bool? rtfInSync)
    {
        properties[properties.IndexOf(current)] = replacement;

        // PR_RTF_IN_SYNC tells Outlook whether the RTF matches the other bodies; after editing the HTML it no longer
        // does, so Outlook must not prefer a stale RTF ([MS-OXCMSG] 2.2.1.58.8).
        if (rtfInSync is { } inSync && properties.FindIndex(p => p.Is(TnefPropertyTag.RtfInSync)) is int syncIndex and >= 0
            && properties.Any(p => p.Is(TnefPropertyTag.RtfCompressed)))
        {
            properties[syncIndex] = MapiProperty.Boolean(TnefPropertyTag.RtfInSync, inSync);
        }
    }

    // The text and a terminating null in an 8-bit code page, encoded once without an intermediate string.
    private static byte[] TerminatedBytes(Encoding encoding, string text)
    {
        var bytes = new byte[encoding.GetByteCount(text) + 1];
        encoding.GetBytes(text, 0, text.Length, bytes, 0);
        return bytes;
    }

    private MapiProperty? Find(TnefPropertyTag tag) => _properties.FirstOrDefault(p => p.Is(tag));

    private static TnefBodyFormat FindFormat(List<MapiProperty> properties)
    {
        if (properties.Any(p => p.Is(_html)))
        {
            return TnefBodyFormat.Html;
        }

        if (properties.Any(p => p.Is(TnefPropertyTag.RtfCompressed)))
        {
            return TnefBodyFormat.Rtf;
        }

        return properties.Any(p => p.Is(TnefPropertyTag.BodyW) || p.Is(TnefPropertyTag.BodyA)) ? TnefBodyFormat.Plain : TnefBodyFormat.None;
    }

    private static int ReadCodePage(TnefDocument document, List<MapiProperty> properties)
    {
        if (properties.FirstOrDefault(p => p.Is(TnefPropertyTag.InternetCPID)) is { } cpid)
        {
            return BitConverter.ToInt32(cpid.Values[0], 0);
        }

        TnefField? oem = document.Attributes.FirstOrDefault(a => a.Tag == TnefAttributeTag.OemCodepage);
        return oem is { Value.Length: >= 4 } ? BitConverter.ToInt32(oem.Value, 0) : 1252;
    }

    private static Encoding Encoding(int codePage) => System.Text.Encoding.GetEncoding(codePage);

    private static byte[] Decompress(byte[] compressed)
    {
        var output = new MemoryStream();
        using (var filtered = new FilteredStream(output))
        {
            filtered.Add(new RtfCompressedToRtf());
            filtered.Write(compressed, 0, compressed.Length);
            filtered.Flush();
        }

        return output.ToArray();
    }
}
