using System;
using System.Collections.Generic;
using System.Text;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// One MAPI property of a TNEF property list ([MS-OXTNEF] 2.1.3.4): its tag (identifier and type), the name of a named
/// property (identifier 0x8000 and above), and its values as raw bytes. A fixed-width value holds its whole slot (an
/// I2 or Boolean value is 4 bytes, padding included); a variable-length value holds its content without the length
/// prefix and padding.
/// </summary>
public sealed class MapiProperty
{
    /// <summary>Creates a property.</summary>
    public MapiProperty(TnefPropertyTag tag, TnefNameId? name, IReadOnlyList<byte[]> values)
    {
        Tag = tag;
        Name = name;
        Values = values ?? throw new ArgumentNullException(nameof(values));
        if (!tag.IsMultiValued && values.Count != 1)
        {
            throw new ArgumentException($"A single-valued property ({tag}) has exactly one value, not {values.Count}.", nameof(values));
        }
    }

    /// <summary>The property tag: identifier and type, with the multi-valued flag.</summary>
    public TnefPropertyTag Tag { get; }

    /// <summary>The name of a named property; null for a tagged one.</summary>
    public TnefNameId? Name { get; }

    /// <summary>The raw values (one for a single-valued property).</summary>
    public IReadOnlyList<byte[]> Values { get; }

    /// <summary>The base type, without the multi-valued flag.</summary>
    public TnefPropertyType ValueType => Tag.ValueTnefType;

    /// <summary>A single-valued binary property.</summary>
    public static MapiProperty Binary(TnefPropertyTag tag, byte[] value) => new(tag, null, new[] { value });

    /// <summary>A single-valued Unicode string property (UTF-16LE with its terminating null, as MAPI writes it).</summary>
    public static MapiProperty Unicode(TnefPropertyTag tag, string value, TnefNameId? name = null) =>
        new(tag, name, new[] { UnicodeValue(value) });

    /// <summary>A single-valued 32-bit integer property.</summary>
    public static MapiProperty Int32(TnefPropertyTag tag, int value, TnefNameId? name = null) =>
        new(tag, name, new[] { BitConverter.GetBytes(value) });

    /// <summary>A single-valued Boolean property (its 4-byte slot).</summary>
    public static MapiProperty Boolean(TnefPropertyTag tag, bool value, TnefNameId? name = null) =>
        new(tag, name, new[] { new byte[] { value ? (byte)1 : (byte)0, 0, 0, 0 } });

    /// <summary>A single-valued time property (FILETIME, UTC).</summary>
    public static MapiProperty Time(TnefPropertyTag tag, DateTime utc, TnefNameId? name = null) =>
        new(tag, name, new[] { BitConverter.GetBytes(utc.ToFileTimeUtc()) });

    /// <summary>The bytes of a Unicode string value: UTF-16LE and a terminating null.</summary>
    public static byte[] UnicodeValue(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        // Encoded straight into its slot: the two bytes of the terminating null stay zero.
        var bytes = new byte[(value.Length + 1) * 2];
        Encoding.Unicode.GetBytes(value, 0, value.Length, bytes, 0);
        return bytes;
    }

    /// <summary>The value as text, for a String8 (with the given code page) or Unicode property; the terminating null is dropped.</summary>
    public string AsString(Encoding? string8Encoding = null)
    {
        byte[] value = Values[0];
        if (ValueType == TnefPropertyType.Unicode)
        {
            // Up to the first UTF-16 null, found with a vectorised search and decoded once (no intermediate string of the
            // whole slot); without a null the whole slot, as Encoding.Unicode reads it.
            if (BitConverter.IsLittleEndian)
            {
                int nul = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(value.AsSpan(0, value.Length & ~1)).IndexOf('\0');
                if (nul >= 0)
                {
                    return Encoding.Unicode.GetString(value, 0, nul * 2);
                }
            }

            string whole = Encoding.Unicode.GetString(value);
            int terminator = whole.IndexOf('\0');
            return terminator >= 0 ? whole.Substring(0, terminator) : whole;
        }

        string text = (string8Encoding ?? Encoding.UTF8).GetString(value);
        int end = text.IndexOf('\0');
        return end >= 0 ? text.Substring(0, end) : text;
    }

    /// <summary>The property with other values, same tag and name.</summary>
    public MapiProperty WithValues(params byte[][] values) => new(Tag, Name, values);

    /// <summary>Whether this is the given tagged property (same identifier and type).</summary>
    public bool Is(TnefPropertyTag tag) => Name is null && Tag == tag;

    /// <inheritdoc/>
    public override string ToString() => Name is { } name ? $"{Tag} {name.PropertySetGuid}:{(name.Kind == TnefNameIdKind.Id ? name.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : name.Name)}" : Tag.ToString();
}
