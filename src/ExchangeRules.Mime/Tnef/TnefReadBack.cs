using System;
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
/// writer, reads both streams, and every attribute and every MAPI property (message, attachment and recipient level)
/// must read back the same, except the body properties the edit was allowed to change.
/// </summary>
internal static class TnefReadBack
{
    /// <summary>
    /// Why the edited stream may not be written (a difference, a fault MimeKit reports), or <see langword="null"/> when
    /// it may. <paramref name="appendedAttachments"/> attachments (attAttachRendData and attAttachment each) may follow
    /// the original attributes, and nothing else.
    /// </summary>
    public static string? Difference(byte[] original, byte[] edited, int codePage, ISet<TnefPropertyId> mayChange, int appendedAttachments = 0)
    {
        List<string> before;
        TnefComplianceStatus beforeStatus;
        try
        {
            before = Describe(original, codePage, mayChange, out beforeStatus);
        }
        catch (Exception ex) when (ex is TnefException or IOException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return $"MimeKit's TNEF reader cannot read the original stream ({ex.Message}), so an edit could not be checked";
        }

        List<string> after;
        TnefComplianceStatus afterStatus;
        try
        {
            after = Describe(edited, codePage, mayChange, out afterStatus);
            if ((afterStatus & ~beforeStatus) != 0)
            {
                return $"MimeKit's TNEF reader reports {afterStatus & ~beforeStatus} in the edited stream";
            }
        }
        catch (Exception ex) when (ex is TnefException or IOException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return $"MimeKit's TNEF reader cannot read the edited stream ({ex.Message})";
        }

        var appended = after.Skip(before.Count).Count(line => line.StartsWith(TnefAttributeLevel.Attachment + " ", StringComparison.Ordinal));
        var onlyAttachments = after.Skip(before.Count).All(line => line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith(TnefAttributeLevel.Attachment + " ", StringComparison.Ordinal));
        if (after.Count < before.Count || appended != 2 * appendedAttachments || !onlyAttachments
            || (appendedAttachments == 0 && after.Count != before.Count))
        {
            return $"MimeKit reads {after.Count} attributes and properties in the edited stream, {before.Count} in the original ({appendedAttachments} attachments added)";
        }

        for (var i = 0; i < before.Count; i++)
        {
            if (!string.Equals(before[i], after[i], StringComparison.Ordinal))
            {
                return $"MimeKit reads entry {i} of the edited stream differently ({Shorten(after[i])} instead of {Shorten(before[i])})";
            }
        }

        return null;
    }

    /// <summary>One line per attribute and per MAPI property; the values of properties that may change are left out.</summary>
    private static List<string> Describe(byte[] tnef, int codePage, ISet<TnefPropertyId> mayChange, out TnefComplianceStatus status)
    {
        var lines = new List<string>();
        using (var reader = new TnefReader(new MemoryStream(tnef, writable: false), codePage, TnefComplianceMode.Loose))
        {
            while (reader.ReadNextAttribute())
            {
                var head = $"{reader.AttributeLevel} {reader.AttributeTag}";
                if (reader.AttributeTag is TnefAttributeTag.MapiProperties or TnefAttributeTag.Attachment)
                {
                    lines.Add(head);
                    ReadProperties(reader.TnefPropertyReader, lines, reader.AttributeLevel == TnefAttributeLevel.Message ? mayChange : null);
                }
                else if (reader.AttributeTag == TnefAttributeTag.RecipientTable)
                {
                    lines.Add(head);
                    var properties = reader.TnefPropertyReader;
                    while (properties.ReadNextRow())
                    {
                        lines.Add("row");
                        ReadProperties(properties, lines, null);
                    }
                }
                else
                {
                    lines.Add(head + " " + RawValue(reader));
                }
            }

            status = reader.ComplianceStatus;
        }

        return lines;
    }

    private static void ReadProperties(TnefPropertyReader properties, List<string> lines, ISet<TnefPropertyId>? mayChange)
    {
        while (properties.ReadNextProperty())
        {
            var tag = properties.PropertyTag;
            var name = properties.IsNamedProperty ? " " + properties.PropertyNameId.PropertySetGuid + ":" + (properties.PropertyNameId.Kind == TnefNameIdKind.Id
                ? properties.PropertyNameId.Id.ToString(CultureInfo.InvariantCulture)
                : properties.PropertyNameId.Name) : string.Empty;
            var line = $"  {tag}{name}";
            if (mayChange is not null && !properties.IsNamedProperty && mayChange.Contains(tag.Id))
            {
                lines.Add(line + " (body, may change)");
                continue;
            }

            var values = new List<string>();
            if (tag.IsMultiValued)
            {
                while (properties.ReadNextValue())
                {
                    values.Add(Format(properties.ReadValue()));
                }
            }
            else
            {
                values.Add(Format(properties.ReadValue()));
            }

            lines.Add(line + " = " + string.Join(" | ", values));
        }
    }

    private static string RawValue(TnefReader reader)
    {
        using var value = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = reader.ReadAttributeRawValue(buffer, 0, buffer.Length)) > 0)
        {
            value.Write(buffer, 0, read);
        }

        return Hex(value.ToArray());
    }

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
        var hex = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line.Substring(0, 120) + "…";
}
