using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime.Policies;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// The body of a Summary TNEF message (what Exchange hands to agents for mail submitted from a mailbox: the internet
/// headers and one <c>application/ms-tnef</c> part, winmail.dat) opened for editing. The HTML and plain bodies are
/// offered to the MIME editing core as ordinary text parts (<see cref="EditableBody"/>), so signatures, banners and
/// disclaimers are placed by the same locators and markers as in MIME; an RTF body is stamped with
/// <see cref="RtfStamp"/>. <see cref="Encode"/> writes the edited bodies back with <see cref="TnefMessageBody"/>, every
/// other attribute and MAPI property byte for byte as it was, and checks the result with MimeKit's reader.
/// </summary>
internal sealed class SummaryTnefBody
{
    // PidLidVerbStream ([MS-OXOMSG] 2.2.1.73): PSETID_Common, LID 0x8520; present when the sender added voting buttons.
    private static readonly Guid _commonPropertySet = new("00062008-0000-0000-C000-000000000046");
    private const int _verbStreamLid = 0x8520;

    private static readonly TnefPropertyId _htmlId = (TnefPropertyId)0x1013;

    private readonly TnefDocument _document;
    private readonly List<InlineImage> _addedImages = new();
    private readonly string? _originalHtml;
    private readonly string? _originalPlain;

    private SummaryTnefBody(MimePart part, byte[] original, TnefDocument document, TnefMessageBody body, string messageClass, string? contentClass)
    {
        Part = part;
        Original = original;
        _document = document;
        Body = body;
        MessageClass = messageClass;
        HasVotingButtons = body.Properties.Any(p => p.Name is { } name && name.PropertySetGuid == _commonPropertySet && name.Kind == TnefNameIdKind.Id && name.Id == _verbStreamLid);
        Protection = ProtectionOf(messageClass, contentClass, document, body);
        switch (body.Format)
        {
            case TnefBodyFormat.Html:
                _originalHtml = body.Html;
                Html = NewPart("html", _originalHtml!);
                break;
            case TnefBodyFormat.Rtf:
                Rtf = body.Rtf;
                if (Rtf is not null && Latin1Contains(Rtf, "\\fromhtml"))
                {
                    Unsupported = "its RTF body encapsulates HTML (\\fromhtml), which this editor does not stamp";
                }

                break;
            case TnefBodyFormat.None:
                Unsupported = "it has no body property (PR_HTML, PR_RTF_COMPRESSED or PR_BODY)";
                break;
        }

        _originalPlain = body.Plain;
        if (_originalPlain is not null)
        {
            Plain = NewPart("plain", _originalPlain);
        }

        EditableBody = Html is not null && Plain is not null ? new MultipartAlternative { Plain, Html } : (MimeEntity?)Html ?? Plain;
    }

    /// <summary>The application/ms-tnef part whose content this body is.</summary>
    public MimePart Part { get; }

    /// <summary>The TNEF bytes as they arrived.</summary>
    public byte[] Original { get; }

    /// <summary>The message-level properties.</summary>
    public TnefMessageBody Body { get; }

    /// <summary>The body property the message was saved with.</summary>
    public TnefBodyFormat Format => Body.Format;

    /// <summary>PR_MESSAGE_CLASS (or attMessageClass).</summary>
    public string MessageClass { get; }

    /// <summary>Whether the message carries voting buttons (PidLidVerbStream).</summary>
    public bool HasVotingButtons { get; }

    /// <summary>Why the message is encrypted, signed or rights-protected, or <see langword="null"/>.</summary>
    public string? Protection { get; }

    /// <summary>Why the body cannot be edited whatever the policy, or <see langword="null"/>.</summary>
    public string? Unsupported { get; }

    /// <summary>Whether the message is a meeting request or cancellation (IPM.Schedule.Meeting.Request/Canceled).</summary>
    public bool IsMeetingRequest => MessageClass.StartsWith("IPM.Schedule.Meeting.", StringComparison.OrdinalIgnoreCase) && !IsMeetingResponse;

    /// <summary>Whether the message is a meeting response (IPM.Schedule.Meeting.Resp.*).</summary>
    public bool IsMeetingResponse => MessageClass.StartsWith("IPM.Schedule.Meeting.Resp.", StringComparison.OrdinalIgnoreCase);

    /// <summary>The HTML body as a text part the MIME editing core edits, or <see langword="null"/>.</summary>
    public TextPart? Html { get; }

    /// <summary>The plain body (PR_BODY) as a text part the MIME editing core edits, or <see langword="null"/>.</summary>
    public TextPart? Plain { get; }

    /// <summary>The text parts the MIME editing core sees: multipart/alternative of plain and HTML, or one of them.</summary>
    public MimeEntity? EditableBody { get; }

    /// <summary>The decompressed RTF body (edited when <see cref="RtfEdited"/>), or <see langword="null"/>.</summary>
    public byte[]? Rtf { get; private set; }

    /// <summary>Whether <see cref="Rtf"/> was changed.</summary>
    public bool RtfEdited { get; private set; }

    /// <summary>
    /// Adds the images an inserted HTML block refers to (cid:) as hidden inline attachments, the way Outlook stores
    /// the pictures of its own signatures ([MS-OXCMAIL] 2.2.3.4 Content-ID, ATT_MHTML_REF); an image whose Content-ID
    /// the message already carries is not added again.
    /// </summary>
    public void AddImages(IReadOnlyList<InlineImage> images)
    {
        foreach (var image in images)
        {
            if (!_addedImages.Any(i => string.Equals(i.ContentId, image.ContentId, StringComparison.OrdinalIgnoreCase)) && !CarriesContentId(image.ContentId))
            {
                _addedImages.Add(image);
            }
        }
    }

    /// <summary>Replaces the RTF body.</summary>
    public void ReplaceRtf(byte[] rtf)
    {
        Rtf = rtf;
        RtfEdited = true;
    }

    /// <summary>
    /// The Summary TNEF part of a message: the top-level body when it is application/ms-tnef, or the only part of a
    /// top-level multipart/mixed; <see langword="null"/> for other shapes (a MIME body with a winmail.dat attachment
    /// is legacy TNEF, whose two bodies would both need the stamp).
    /// </summary>
    public static MimePart? FindPart(MimeMessage message)
    {
        var body = message.Body;
        if (body is Multipart { Count: 1 } mixed && mixed.ContentType.IsMimeType("multipart", "mixed"))
        {
            body = mixed[0];
        }

        return body is MimePart part && MessageTraitDetector.IsTnef(part) ? part : null;
    }

    /// <summary>Decodes the part's TNEF stream.</summary>
    /// <exception cref="InvalidDataException">The stream is not well-formed TNEF, or its message properties cannot be decoded.</exception>
    public static SummaryTnefBody Open(MimePart part, string? contentClass)
    {
        var decoded = DecodedTnef.Of(part);
        return new SummaryTnefBody(part, decoded.Bytes, decoded.Document, decoded.Body, MessageClassOf(decoded.Document, decoded.Body), contentClass);
    }

    /// <summary>
    /// Why a content insertion may not change this message under <paramref name="policy"/>, or <see langword="null"/>.
    /// Encrypted, signed and rights-protected messages and bodies this editor cannot stamp are always left alone.
    /// </summary>
    public string? Refusal(EditingPolicy policy)
    {
        if (Protection is not null)
        {
            return $"skipped: Outlook TNEF (winmail.dat) message left unchanged: {Protection}; such messages are never changed";
        }

        if (Unsupported is not null)
        {
            return $"skipped: Outlook TNEF (winmail.dat) message left unchanged: {Unsupported}";
        }

        if ((IsMeetingRequest || IsMeetingResponse) && !policy.StampMeetingMessages)
        {
            return $"skipped: Outlook TNEF meeting {(IsMeetingResponse ? "response" : "request")} ({MessageClass}) left unchanged (policy StampMeetingMessages=false)";
        }

        if (HasVotingButtons && !policy.StampVotingButtons)
        {
            return "skipped: Outlook TNEF message with voting buttons left unchanged (policy StampVotingButtons=false)";
        }

        if (Format == TnefBodyFormat.Rtf && !policy.StampRtfBodies)
        {
            return "skipped: Outlook TNEF rich-text (RTF) body left unchanged (policy StampRtfBodies=false)";
        }

        return null;
    }

    /// <summary>
    /// The TNEF stream with the edited bodies, checked with MimeKit's reader; <see langword="null"/> with the reason in
    /// <paramref name="problem"/> when the edit cannot be written faithfully (the message then stays as it was).
    /// </summary>
    public byte[]? Encode(out string? problem)
    {
        problem = null;
        var mayChange = new HashSet<TnefPropertyId>();
        string? html = null;
        string? plain = null;
        // The edited parts read with the editor's own one-pass decoder (as they are), not TextPart.Text's stream filters.
        if (Html is not null && TextPartContent.Read(Html, out _) is var editedHtml && !string.Equals(editedHtml, _originalHtml, StringComparison.Ordinal))
        {
            html = CharacterReferences.ForCodePage(editedHtml, Body.CodePage);
            mayChange.Add(_htmlId);
            mayChange.Add(TnefPropertyId.RtfInSync);
        }

        if (Plain is not null && TextPartContent.Read(Plain, out _) is var editedPlain && !string.Equals(editedPlain, _originalPlain, StringComparison.Ordinal))
        {
            plain = editedPlain;
            mayChange.Add(TnefPropertyId.Body);
        }

        var rtf = RtfEdited ? Rtf : null;
        if (rtf is not null)
        {
            mayChange.Add(TnefPropertyId.RtfCompressed);
            mayChange.Add(TnefPropertyId.RtfInSync);
        }

        if (mayChange.Count == 0)
        {
            problem = "the TNEF body did not change";
            return null;
        }

        // One re-encoding of attMsgProps for all the bodies that changed; every other attribute keeps its bytes.
        var document = Body.WithBodies(html, plain, rtf, out var htmlBytes);
        if (_addedImages.Count > 0)
        {
            var attributes = new List<TnefField>(document.Attributes.Count + (2 * _addedImages.Count));
            attributes.AddRange(document.Attributes);
            foreach (var image in _addedImages)
            {
                attributes.Add(new TnefField(TnefAttributeLevel.Attachment, TnefAttributeTag.AttachRenderData, RenderData()));
                attributes.Add(new TnefField(TnefAttributeLevel.Attachment, TnefAttributeTag.Attachment, MapiPropertyList.Encode(ImageProperties(image))));
            }

            document = new TnefDocument(document.Key, attributes);
        }

        var bytes = document.ToArray();
        // MimeKit's read-back also checks the new HTML body byte for byte; our own reader checks an RTF body (decompressed).
        var expected = htmlBytes is null ? null : new Dictionary<TnefPropertyId, byte[]> { [_htmlId] = htmlBytes };
        problem = TnefReadBack.Difference(Original, bytes, Body.CodePage, mayChange, _addedImages.Count, expected) ?? RtfReadBack(bytes);
        return problem is null ? bytes : null;
    }

    /// <summary>Whether our own reader finds exactly the new RTF body in the written stream.</summary>
    private string? RtfReadBack(byte[] bytes)
    {
        if (!RtfEdited || Rtf is null)
        {
            return null;
        }

        return TnefMessageBody.Read(TnefDocument.Read(bytes)).Rtf is { } rtf && rtf.AsSpan().SequenceEqual(Rtf)
            ? null
            : "the RTF body read back from the written stream is not the edited one";
    }

    /// <summary>Whether an attachment of the stream has this Content-ID (PR_ATTACH_CONTENT_ID).</summary>
    private bool CarriesContentId(string contentId)
    {
        foreach (var attribute in _document.Attributes.Where(a => a.Level == TnefAttributeLevel.Attachment && a.Tag == TnefAttributeTag.Attachment))
        {
            IReadOnlyList<MapiProperty> properties;
            try
            {
                properties = MapiPropertyList.Decode(attribute.Value);
            }
            catch (InvalidDataException)
            {
                continue;
            }

            if (properties.Any(p => (p.Is(TnefPropertyTag.AttachContentIdW) || p.Is(TnefPropertyTag.AttachContentIdA))
                && string.Equals(p.AsString(Encoding.ASCII).Trim('<', '>'), contentId.Trim('<', '>'), StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    // attAttachRendData ([MS-OXTNEF] 2.1.3.3.16): a file attachment, position unknown (-1), no rendering size, default flags.
    private static byte[] RenderData() => new byte[] { 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00 };

    // By value, with its Content-ID, referenced from the HTML (ATT_MHTML_REF) and hidden from the attachment well.
    private static List<MapiProperty> ImageProperties(InlineImage image) => new()
    {
        MapiProperty.Int32(TnefPropertyTag.AttachMethod, 1),
        MapiProperty.Unicode(TnefPropertyTag.AttachLongFilenameW, image.FileName),
        MapiProperty.Unicode(TnefPropertyTag.AttachMimeTagW, image.MediaType),
        MapiProperty.Binary(TnefPropertyTag.AttachDataBin, image.Content),
        MapiProperty.Unicode(TnefPropertyTag.AttachContentIdW, image.ContentId.Trim('<', '>')),
        MapiProperty.Int32(TnefPropertyTag.AttachFlags, 4),
        MapiProperty.Boolean(TnefPropertyTag.AttachmentHidden, true),
    };

    private static TextPart NewPart(string subtype, string text)
    {
        var part = new TextPart(subtype);
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    /// <summary>PR_MESSAGE_CLASS in attMsgProps, else attMessageClass, else IPM.Note ([MS-OXTNEF] 2.1.3.3).</summary>
    internal static string MessageClassOf(TnefDocument document, TnefMessageBody body)
    {
        var property = body.Properties.FirstOrDefault(p => p.Is(TnefPropertyTag.MessageClassW) || p.Is(TnefPropertyTag.MessageClassA));
        if (property is not null)
        {
            return property.AsString(Encoding.ASCII);
        }

        var attribute = document.Attributes.FirstOrDefault(a => a.Level == TnefAttributeLevel.Message && a.Tag == TnefAttributeTag.MessageClass);
        return attribute is null ? "IPM.Note" : Encoding.ASCII.GetString(attribute.Value).TrimEnd('\0');
    }

    /// <summary>Why the message must not be edited because of its protection, or <see langword="null"/>.</summary>
    private static string? ProtectionOf(string messageClass, string? contentClass, TnefDocument document, TnefMessageBody body)
    {
        if (messageClass.StartsWith("IPM.Note.SMIME", StringComparison.OrdinalIgnoreCase) || messageClass.StartsWith("IPM.Note.Secure", StringComparison.OrdinalIgnoreCase))
        {
            return $"it is signed or encrypted (message class {messageClass})";
        }

        if (messageClass.IndexOf("rpmsg", StringComparison.OrdinalIgnoreCase) >= 0
            || (contentClass?.IndexOf("rpmsg", StringComparison.OrdinalIgnoreCase) ?? -1) >= 0
            || body.Properties.Any(p => p.Name is { Kind: TnefNameIdKind.Name } name && string.Equals(name.Name, "content-class", StringComparison.OrdinalIgnoreCase)
                && p.ValueType is TnefPropertyType.Unicode or TnefPropertyType.String8 && p.AsString(Encoding.ASCII).IndexOf("rpmsg", StringComparison.OrdinalIgnoreCase) >= 0)
            || document.Attributes.Any(a => a.Tag == TnefAttributeTag.AttachTitle && Encoding.ASCII.GetString(a.Value).TrimEnd('\0').EndsWith(".rpmsg", StringComparison.OrdinalIgnoreCase)))
        {
            return "it is rights-protected (IRM, rpmsg)";
        }

        return null;
    }

    private static bool Latin1Contains(byte[] data, string value)
    {
        var limit = data.Length - value.Length;
        for (var i = 0; i <= limit; i++)
        {
            var j = 0;
            while (j < value.Length && data[i + j] == value[j])
            {
                j++;
            }

            if (j == value.Length)
            {
                return true;
            }
        }

        return false;
    }
}
