using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// The check before an edited TNEF stream replaces the original: MimeKit's TNEF reader, which shares no code with our
/// writer, reads both streams side by side, and every attribute and every MAPI property (message, attachment and
/// recipient level) must read back the same, except the body properties the edit was allowed to change; attachments
/// the edit appended must be readable too. The two readers advance in lockstep and values are compared as MimeKit
/// decodes them, with no text built unless a difference is reported; each reader is asked for exactly the attributes
/// the stream holds (asking MimeKit's reader past the last one costs an exception it throws and catches itself), and
/// the last attribute must end where the stream ends.
/// </summary>
internal static class TnefReadBack
{
    private const int _chunk = 4096;

    /// <summary>
    /// Why the edited stream may not be written (a difference, a fault MimeKit reports), or <see langword="null"/> when
    /// it may. <paramref name="appendedAttachments"/> attachments (attAttachRendData and attAttachment each) may follow
    /// the original attributes, and nothing else.
    /// </summary>
    /// <param name="original">The stream as it arrived.</param>
    /// <param name="edited">The stream to be written.</param>
    /// <param name="codePage">The message's code page.</param>
    /// <param name="mayChange">The message-level properties whose values may differ.</param>
    /// <param name="appendedAttachments">How many attachments the edit added at the end.</param>
    /// <param name="expectedValues">Binary values of changed properties MimeKit must read from the edited stream exactly.</param>
    public static string? Difference(byte[] original, byte[] edited, int codePage, ISet<TnefPropertyId> mayChange, int appendedAttachments = 0, IReadOnlyDictionary<TnefPropertyId, byte[]>? expectedValues = null)
    {
        var originalCount = AttributeCount(original);
        if (originalCount < 0)
        {
            return "the original stream's attributes cannot be counted, so an edit could not be checked";
        }

        var expected = originalCount + (2 * appendedAttachments);
        var side = "original";
        try
        {
            using var before = new TnefReader(new MemoryStream(original, writable: false), codePage, TnefComplianceMode.Loose);
            using var after = new TnefReader(new MemoryStream(edited, writable: false), codePage, TnefComplianceMode.Loose);
            for (var i = 0; i < originalCount; i++)
            {
                side = "original";
                if (!before.ReadNextAttribute())
                {
                    return $"MimeKit's TNEF reader reads {i} attributes in the original stream, which has {originalCount}, so an edit could not be checked";
                }

                side = "edited";
                if (!after.ReadNextAttribute())
                {
                    return $"MimeKit reads {i} attributes in the edited stream, {expected} expected ({appendedAttachments} attachments added)";
                }

                side = "both";
                if (CompareAttribute(before, after, i, mayChange, expectedValues) is { } difference)
                {
                    return difference;
                }
            }

            side = "edited";
            for (var i = originalCount; i < expected; i++)
            {
                if (!after.ReadNextAttribute())
                {
                    return $"MimeKit reads {i} attributes in the edited stream, {expected} expected ({appendedAttachments} attachments added)";
                }

                if (after.AttributeLevel != TnefAttributeLevel.Attachment)
                {
                    return $"MimeKit reads attribute {i} of the edited stream as {after.AttributeLevel} {after.AttributeTag}, where only the added attachments may follow";
                }

                ReadAll(after);
            }

            if (End(after) != edited.Length)
            {
                return $"MimeKit's last attribute of the edited stream ends at offset {End(after)}, the stream at {edited.Length}: it does not read the edited stream as {expected} attributes";
            }

            if ((after.ComplianceStatus & ~before.ComplianceStatus) != 0)
            {
                return $"MimeKit's TNEF reader reports {after.ComplianceStatus & ~before.ComplianceStatus} in the edited stream";
            }
        }
        catch (Exception ex) when (ex is TnefException or IOException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return side == "original"
                ? $"MimeKit's TNEF reader cannot read the original stream ({ex.Message}), so an edit could not be checked"
                : $"MimeKit's TNEF reader cannot read the edited stream ({ex.Message})";
        }

        return null;
    }

    /// <summary>The number of attributes of a TNEF stream by its framing, or -1 when the framing does not add up.</summary>
    private static int AttributeCount(byte[] tnef)
    {
        var count = 0;
        long offset = 6;
        while (offset < tnef.Length)
        {
            if (tnef.Length - offset < 11)
            {
                return -1;
            }

            var length = (uint)(tnef[offset + 5] | (tnef[offset + 6] << 8) | (tnef[offset + 7] << 16) | (tnef[offset + 8] << 24));
            offset += 11L + length;
            count++;
        }

        return offset == tnef.Length ? count : -1;
    }

    // Where the current attribute ends: its value, then the two checksum bytes.
    private static long End(TnefReader reader) => reader.AttributeRawValueStreamOffset + reader.AttributeRawValueLength + 2;

    private static string? CompareAttribute(TnefReader before, TnefReader after, int index, ISet<TnefPropertyId> mayChange, IReadOnlyDictionary<TnefPropertyId, byte[]>? expected)
    {
        if (before.AttributeLevel != after.AttributeLevel || before.AttributeTag != after.AttributeTag)
        {
            return $"MimeKit reads attribute {index} of the edited stream as {after.AttributeLevel} {after.AttributeTag}, in the original as {before.AttributeLevel} {before.AttributeTag}";
        }

        var where = $"attribute {index} ({before.AttributeLevel} {before.AttributeTag})";
        if (before.AttributeTag is TnefAttributeTag.MapiProperties or TnefAttributeTag.Attachment)
        {
            return before.AttributeLevel == TnefAttributeLevel.Message
                ? CompareProperties(before.TnefPropertyReader, after.TnefPropertyReader, where, mayChange, expected)
                : CompareProperties(before.TnefPropertyReader, after.TnefPropertyReader, where, null, null);
        }

        if (before.AttributeTag == TnefAttributeTag.RecipientTable)
        {
            var rowsBefore = before.TnefPropertyReader;
            var rowsAfter = after.TnefPropertyReader;
            if (rowsBefore.RowCount != rowsAfter.RowCount)
            {
                return $"MimeKit reads {rowsAfter.RowCount} recipient rows in {where} of the edited stream, {rowsBefore.RowCount} in the original";
            }

            for (var row = 0; row < rowsBefore.RowCount; row++)
            {
                var more = rowsBefore.ReadNextRow();
                if (more != rowsAfter.ReadNextRow())
                {
                    return $"MimeKit reads recipient row {row} of {where} in one stream only";
                }

                if (!more)
                {
                    break;
                }

                if (CompareProperties(rowsBefore, rowsAfter, $"{where} row {row}", null, null) is { } difference)
                {
                    return difference;
                }
            }

            return null;
        }

        return CompareRawValues(before, after, where);
    }

    // Each reader is asked for exactly the properties and values it announced: asking MimeKit's reader for one more
    // at the end of the stream costs an exception it throws and catches itself.
    private static string? CompareProperties(TnefPropertyReader before, TnefPropertyReader after, string where, ISet<TnefPropertyId>? mayChange, IReadOnlyDictionary<TnefPropertyId, byte[]>? expected)
    {
        if (before.PropertyCount != after.PropertyCount)
        {
            return $"MimeKit reads {after.PropertyCount} properties in {where} of the edited stream, {before.PropertyCount} in the original";
        }

        for (var index = 0; index < before.PropertyCount; index++)
        {
            // After a multi-valued property it could not read whole, MimeKit 4.18 may stop early: at the same place in both.
            var more = before.ReadNextProperty();
            if (more != after.ReadNextProperty())
            {
                return $"MimeKit reads property {index} of {where} in one stream only";
            }

            if (!more)
            {
                break;
            }

            var tag = before.PropertyTag;
            if (tag != after.PropertyTag || before.IsNamedProperty != after.IsNamedProperty
                || (before.IsNamedProperty && !SameName(before.PropertyNameId, after.PropertyNameId)))
            {
                return $"MimeKit reads property {index} of {where} differently ({Describe(after)} instead of {Describe(before)})";
            }

            if (mayChange is not null && !before.IsNamedProperty && mayChange.Contains(tag.Id))
            {
                // A body property the edit may change: the original's value is not read; the edited one must be what
                // the editor wrote, when the caller says what that is.
                if (expected is not null && expected.TryGetValue(tag.Id, out var bytes) && !tag.IsMultiValued
                    && !(after.ReadValue() is byte[] written && written.AsSpan().SequenceEqual(bytes)))
                {
                    return $"MimeKit reads {Describe(after)} in {where} of the edited stream differently from the edited body";
                }

                continue;
            }

            if (!tag.IsMultiValued)
            {
                if (CompareValues(before.ReadValue(), after.ReadValue(), before, where) is { } difference)
                {
                    return difference;
                }

                continue;
            }

            if (before.ValueCount != after.ValueCount)
            {
                return $"MimeKit reads {after.ValueCount} values of {Describe(before)} in {where} of the edited stream, {before.ValueCount} in the original";
            }

            for (var value = 0; value < before.ValueCount; value++)
            {
                // MimeKit 4.18 stops early in some multi-valued properties (see docs/architecture.md); it must stop at
                // the same value in both streams.
                var moreValues = before.ReadNextValue();
                if (moreValues != after.ReadNextValue())
                {
                    return $"MimeKit reads value {value} of {Describe(before)} in {where} in one stream only";
                }

                if (!moreValues)
                {
                    break;
                }

                if (CompareValues(before.ReadValue(), after.ReadValue(), before, where) is { } difference)
                {
                    return difference;
                }
            }
        }

        return null;
    }

    private static string? CompareValues(object? before, object? after, TnefPropertyReader property, string where) =>
        SameValue(before, after) ? null : $"MimeKit reads {Describe(property)} in {where} of the edited stream differently ({Shorten(Format(after))} instead of {Shorten(Format(before))})";

    private static string? CompareRawValues(TnefReader before, TnefReader after, string where)
    {
        if (before.AttributeRawValueLength != after.AttributeRawValueLength)
        {
            return $"MimeKit reads {where} of the edited stream with {after.AttributeRawValueLength} bytes, {before.AttributeRawValueLength} in the original";
        }

        var left = ArrayPool<byte>.Shared.Rent(_chunk);
        var right = ArrayPool<byte>.Shared.Rent(_chunk);
        try
        {
            int read;
            while ((read = before.ReadAttributeRawValue(left, 0, _chunk)) > 0)
            {
                if (ReadFully(after, right, read) != read || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read)))
                {
                    return $"MimeKit reads the value of {where} of the edited stream differently";
                }
            }

            return after.ReadAttributeRawValue(right, 0, _chunk) > 0 ? $"MimeKit reads a longer value of {where} in the edited stream" : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(left);
            ArrayPool<byte>.Shared.Return(right);
        }
    }

    private static int ReadFully(TnefReader reader, byte[] buffer, int count)
    {
        var total = 0;
        int read;
        while (total < count && (read = reader.ReadAttributeRawValue(buffer, total, count - total)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Reads every value of an appended attribute, so that MimeKit is known to read it.</summary>
    private static void ReadAll(TnefReader reader)
    {
        if (reader.AttributeTag is TnefAttributeTag.MapiProperties or TnefAttributeTag.Attachment)
        {
            var properties = reader.TnefPropertyReader;
            for (var index = 0; index < properties.PropertyCount && properties.ReadNextProperty(); index++)
            {
                if (properties.PropertyTag.IsMultiValued)
                {
                    for (var value = 0; value < properties.ValueCount && properties.ReadNextValue(); value++)
                    {
                        properties.ReadValue();
                    }
                }
                else
                {
                    properties.ReadValue();
                }
            }

            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(_chunk);
        try
        {
            while (reader.ReadAttributeRawValue(buffer, 0, _chunk) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool SameName(TnefNameId before, TnefNameId after) =>
        before.PropertySetGuid == after.PropertySetGuid && before.Kind == after.Kind
        && (before.Kind == TnefNameIdKind.Id ? before.Id == after.Id : string.Equals(before.Name, after.Name, StringComparison.Ordinal));

    private static bool SameValue(object? before, object? after) => (before, after) switch
    {
        (null, null) => true,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (DateTime a, DateTime b) => a.Ticks == b.Ticks,
        (IEnumerable a, IEnumerable b) when before is not string => a.Cast<object?>().SequenceEqual(b.Cast<object?>(), ValueComparer.Instance),
        _ => Equals(before, after),
    };

    private static string Describe(TnefPropertyReader property) =>
        property.PropertyTag + (property.IsNamedProperty ? " " + property.PropertyNameId.PropertySetGuid + ":" + (property.PropertyNameId.Kind == TnefNameIdKind.Id
            ? property.PropertyNameId.Id.ToString(CultureInfo.InvariantCulture)
            : property.PropertyNameId.Name) : string.Empty);

    private static string Format(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Hex(bytes),
        string text => "\"" + text + "\"",
        DateTime time => time.Ticks.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static string Hex(byte[] bytes)
    {
        var hex = new StringBuilder(Math.Min(bytes.Length, 64) * 2);
        foreach (var b in bytes.Take(64))
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line.Substring(0, 120) + "…";

    private sealed class ValueComparer : IEqualityComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public new bool Equals(object? x, object? y) => SameValue(x, y);

        public int GetHashCode(object? obj) => 0;
    }
}
