using System;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// One attribute (field) of a TNEF stream ([MS-OXTNEF] 2.1.3.1): its level, its identifier (type in the high word, id in the
/// low word) and its raw value. The checksum is not stored: <see cref="TnefStreamWriter"/> computes it from the value.
/// </summary>
public sealed class TnefField
{
    /// <summary>Creates an attribute.</summary>
    /// <param name="level">Message or attachment level.</param>
    /// <param name="tag">The attribute identifier, e.g. <see cref="TnefAttributeTag.MapiProperties"/>.</param>
    /// <param name="value">The raw value bytes, exactly as they stand in the stream.</param>
    public TnefField(TnefAttributeLevel level, TnefAttributeTag tag, byte[] value)
    {
        Level = level;
        Tag = tag;
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Message or attachment level.</summary>
    public TnefAttributeLevel Level { get; }

    /// <summary>The attribute identifier.</summary>
    public TnefAttributeTag Tag { get; }

    /// <summary>The raw value bytes.</summary>
    public byte[] Value { get; }

    /// <summary>The attribute with another value, same level and identifier.</summary>
    public TnefField WithValue(byte[] value) => new(Level, Tag, value);

    /// <inheritdoc/>
    public override string ToString() => $"{Level} {Tag} ({Value.Length} bytes)";
}
