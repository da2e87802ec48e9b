using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ExchangeRules.Directory.Ldif;

/// <summary>
/// Reads the content records of an RFC 2849 LDIF file (the format <c>ldifde</c> and <c>slapcat</c> export):
/// comments, folded lines, base64 (<c>::</c>) values, attribute options, <c>changetype: add</c>.
/// Change records (modify, delete, modrdn), controls and URL (<c>:&lt;</c>) values are rejected with
/// a located error, because an offline directory must never silently differ from the file.
/// </summary>
internal static class LdifReader
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<LdifRecord> ReadFile(string path)
    {
        using var reader = new StreamReader(path, _strictUtf8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    public static IReadOnlyList<LdifRecord> Read(TextReader reader, string sourceName)
    {
        var records = new List<LdifRecord>();
        var pending = new List<LogicalLine>();
        foreach (var line in LogicalLines(reader, sourceName))
        {
            if (line.Text.Length == 0)
            {
                Flush(pending, records, sourceName);
                continue;
            }

            pending.Add(line);
        }

        Flush(pending, records, sourceName);
        return records;
    }

    private static void Flush(List<LogicalLine> lines, List<LdifRecord> records, string sourceName)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var index = 0;
        if (records.Count == 0 && lines[0].Text.StartsWith("version:", StringComparison.OrdinalIgnoreCase))
        {
            var version = lines[0].Text.Substring("version:".Length).Trim();
            if (version != "1")
            {
                throw new LdifFormatException(sourceName, lines[0].Number, $"unsupported LDIF version '{version}' (only 1 exists)");
            }

            index = 1;
            if (index == lines.Count)
            {
                lines.Clear();
                return;
            }
        }

        var first = Parse(lines[index], sourceName);
        if (!first.Name.Equals("dn", StringComparison.OrdinalIgnoreCase))
        {
            throw new LdifFormatException(sourceName, lines[index].Number, $"a record must start with 'dn:', found '{first.Name}:'");
        }

        var dn = Decode(first, lines[index], sourceName);
        var attributes = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
        for (var i = index + 1; i < lines.Count; i++)
        {
            if (lines[i].Text == "-")
            {
                throw new LdifFormatException(sourceName, lines[i].Number, "'-' belongs to a modify change record, which is not supported");
            }

            var value = Parse(lines[i], sourceName);
            if (value.Name.Equals("changetype", StringComparison.OrdinalIgnoreCase))
            {
                var kind = Decode(value, lines[i], sourceName).Trim();
                if (!kind.Equals("add", StringComparison.OrdinalIgnoreCase))
                {
                    throw new LdifFormatException(
                        sourceName, lines[i].Number, $"changetype '{kind}' is not supported: the file must describe entries (content records or changetype: add)");
                }

                continue;
            }

            if (value.Name.Equals("control", StringComparison.OrdinalIgnoreCase))
            {
                throw new LdifFormatException(sourceName, lines[i].Number, "LDAP controls in change records are not supported");
            }

            if (!attributes.TryGetValue(value.Name, out var list))
            {
                list = new List<byte[]>();
                attributes.Add(value.Name, list);
            }

            list.Add(value.Bytes);
        }

        records.Add(new LdifRecord(
            dn,
            lines[index].Number,
            attributes.ToReadOnly()));
        lines.Clear();
    }

    private static Dictionary<string, IReadOnlyList<byte[]>> ToReadOnly(this Dictionary<string, List<byte[]>> attributes)
    {
        var result = new Dictionary<string, IReadOnlyList<byte[]>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in attributes)
        {
            result.Add(pair.Key, pair.Value);
        }

        return result;
    }

    private static string Decode(AttributeValue value, LogicalLine line, string sourceName)
    {
        try
        {
            return _strictUtf8.GetString(value.Bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new LdifFormatException(sourceName, line.Number, $"the value of '{value.Name}' is not valid UTF-8");
        }
    }

    private static AttributeValue Parse(LogicalLine line, string sourceName)
    {
        var text = line.Text;
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            throw new LdifFormatException(sourceName, line.Number, $"expected 'attribute: value', found '{Shorten(text)}'");
        }

        var name = text.Substring(0, colon);
        var semicolon = name.IndexOf(';');
        if (semicolon >= 0)
        {
            name = name.Substring(0, semicolon);
        }

        if (!IsAttributeName(name))
        {
            throw new LdifFormatException(sourceName, line.Number, $"'{Shorten(name)}' is not a valid attribute name");
        }

        var rest = text.Substring(colon + 1);
        if (rest.StartsWith(":", StringComparison.Ordinal))
        {
            try
            {
                return new AttributeValue(name, Convert.FromBase64String(rest.Substring(1).Trim()));
            }
            catch (FormatException)
            {
                throw new LdifFormatException(sourceName, line.Number, $"the base64 value of '{name}' is not valid base64");
            }
        }

        if (rest.StartsWith("<", StringComparison.Ordinal))
        {
            throw new LdifFormatException(sourceName, line.Number, $"URL values ('{name}:<') are not supported: put the value in the file as base64");
        }

        return new AttributeValue(name, Encoding.UTF8.GetBytes(rest.TrimStart(' ')));
    }

    private static bool IsAttributeName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";

    /// <summary>Unfolds continuation lines and drops comments; an empty logical line separates records.</summary>
    private static IEnumerable<LogicalLine> LogicalLines(TextReader reader, string sourceName)
    {
        StringBuilder? current = null;
        var currentNumber = 0;
        var inComment = false;
        var number = 0;
        string? raw;
        while ((raw = reader.ReadLine()) != null)
        {
            number++;
            if (raw.Length > 0 && raw[0] == ' ')
            {
                if (inComment)
                {
                    continue;
                }

                if (current is null)
                {
                    throw new LdifFormatException(sourceName, number, "a continuation line (starting with a space) must follow a line it continues");
                }

                current.Append(raw, 1, raw.Length - 1);
                continue;
            }

            if (current is not null)
            {
                yield return new LogicalLine(current.ToString(), currentNumber);
                current = null;
            }

            inComment = raw.Length > 0 && raw[0] == '#';
            if (inComment)
            {
                continue;
            }

            if (raw.Length == 0)
            {
                yield return new LogicalLine(string.Empty, number);
                continue;
            }

            current = new StringBuilder(raw);
            currentNumber = number;
        }

        if (current is not null)
        {
            yield return new LogicalLine(current.ToString(), currentNumber);
        }
    }

    private readonly struct LogicalLine
    {
        public LogicalLine(string text, int number)
        {
            Text = text;
            Number = number;
        }

        public string Text { get; }

        public int Number { get; }
    }

    private readonly struct AttributeValue
    {
        public AttributeValue(string name, byte[] bytes)
        {
            Name = name;
            Bytes = bytes;
        }

        public string Name { get; }

        public byte[] Bytes { get; }
    }
}
