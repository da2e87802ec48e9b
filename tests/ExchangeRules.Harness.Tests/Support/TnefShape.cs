using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Harness.Tests.Support;

/// <summary>
/// A TNEF stream as MimeKit's independent <see cref="TnefReader"/> sees it (strict compliance): the message class, the
/// code page, every MAPI property of the message and of each attachment with its value. Tests compare two streams
/// property by property with it (what a stamp may change, and everything it must not).
/// </summary>
internal sealed class TnefShape
{
    private TnefShape(TnefComplianceStatus compliance, string? messageClass, int oemCodePage, List<TnefValue> message, List<List<TnefValue>> attachments)
    {
        Compliance = compliance;
        MessageClass = messageClass;
        OemCodePage = oemCodePage;
        MessageProperties = message;
        AttachmentProperties = attachments;
    }

    public TnefComplianceStatus Compliance { get; }

    /// <summary>attMessageClass.</summary>
    public string? MessageClass { get; }

    /// <summary>attOemCodepage (its first 32 bits).</summary>
    public int OemCodePage { get; }

    /// <summary>The properties of attMsgProps, in stream order.</summary>
    public IReadOnlyList<TnefValue> MessageProperties { get; }

    /// <summary>The properties of each attachment's attAttachment, in stream order.</summary>
    public IReadOnlyList<IReadOnlyList<TnefValue>> AttachmentProperties { get; }

    /// <summary>How many attachments (attAttachRendData attributes) the stream has.</summary>
    public int Attachments => AttachmentProperties.Count;

    public static TnefShape Read(TnefPart part)
    {
        ArgumentNullException.ThrowIfNull(part);

        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return Read(content.ToArray());
    }

    public static TnefShape Read(byte[] tnef)
    {
        string? messageClass = null;
        var codePage = 0;
        var message = new List<TnefValue>();
        var attachments = new List<List<TnefValue>>();
        using var reader = new TnefReader(new MemoryStream(tnef, writable: false), 0, TnefComplianceMode.Strict);
        while (reader.ReadNextAttribute())
        {
            var properties = reader.TnefPropertyReader;
            switch (reader.AttributeTag)
            {
                case TnefAttributeTag.MessageClass:
                    // attMessageClass is of type atpWord ([MS-OXTNEF] 2.1.3.3.1): MimeKit reads it as a raw value only.
                    messageClass = System.Text.Encoding.ASCII.GetString(RawValue(reader)).TrimEnd('\0');
                    break;
                case TnefAttributeTag.OemCodepage:
                    codePage = BitConverter.ToInt32(RawValue(reader), 0);
                    break;
                case TnefAttributeTag.AttachRenderData:
                    attachments.Add(new List<TnefValue>());
                    break;
                case TnefAttributeTag.MapiProperties:
                    ReadProperties(properties, message);
                    break;
                case TnefAttributeTag.Attachment:
                    ReadProperties(properties, attachments[attachments.Count - 1]);
                    break;
            }
        }

        return new TnefShape(reader.ComplianceStatus, messageClass, codePage, message, attachments);
    }

    public bool Has(TnefPropertyId id) => MessageProperties.Any(p => !p.IsNamed && p.Tag.Id == id);

    public object? Value(TnefPropertyId id) => MessageProperties.Single(p => !p.IsNamed && p.Tag.Id == id).Values.Single();

    public string? Unicode(TnefPropertyId id) => (string?)Value(id);

    public int Int32(TnefPropertyId id) => (int)Value(id)!;

    public byte[] Binary(TnefPropertyId id) => (byte[])Value(id)!;

    public object? NamedValue(TnefNameId name) => MessageProperties.Single(p => p.IsNamed && p.Name.Equals(name)).Values.Single();

    public byte[] Named(TnefNameId name) => (byte[])NamedValue(name)!;

    /// <summary>For a multi-valued property, MimeKit reports only the number of values.</summary>
    public int NamedValueCount(TnefNameId name) => (int)NamedValue(name)!;

    private static byte[] RawValue(TnefReader reader)
    {
        var value = new byte[reader.AttributeRawValueLength];
        var read = 0;
        while (read < value.Length)
        {
            var count = reader.ReadAttributeRawValue(value, read, value.Length - read);
            if (count == 0)
            {
                throw new InvalidDataException("The TNEF attribute value ends early.");
            }

            read += count;
        }

        return value;
    }

    private static void ReadProperties(TnefPropertyReader properties, List<TnefValue> into)
    {
        while (properties.ReadNextProperty())
        {
            var tag = properties.PropertyTag;
            var named = properties.IsNamedProperty;
            var name = named ? properties.PropertyNameId : default;
            var values = new List<object?>();

            // Every value is read: MimeKit 4.18 misreads the next property after skipping a variable-length one.
            if (tag.IsMultiValued)
            {
                // MimeKit 4.18 cannot read every value of a multi-valued property (it loses the first, or reports an
                // invalid state); this loop keeps the stream in step, and tests read such values with our codec instead
                // (the specification is the oracle there, see SummaryTnefConverterTests).
                values.Add(properties.ValueCount);
                while (properties.ReadNextValue())
                {
                    properties.ReadValue();
                }
            }
            else
            {
                values.Add(properties.ReadValue());
            }

            into.Add(new TnefValue(tag, named, name, values));
        }
    }
}

/// <summary>One MAPI property as MimeKit read it.</summary>
internal sealed record TnefValue(TnefPropertyTag Tag, bool IsNamed, TnefNameId Name, IReadOnlyList<object?> Values)
{
    /// <summary>A printable key: the tag, or the property set and name of a named property.</summary>
    public string Key => IsNamed
        ? $"{Name.PropertySetGuid}/{(Name.Kind == TnefNameIdKind.Name ? Name.Name : Name.Id.ToString("X4", System.Globalization.CultureInfo.InvariantCulture))}:{Tag.ValueTnefType}"
        : $"0x{(int)Tag.Id:X4}:{Tag.ValueTnefType}";

    /// <summary>The values as comparable text (byte arrays in base 64).</summary>
    public string Text => string.Join("|", Values.Select(v => v switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime time => time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        null => "(null)",
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    }));
}
