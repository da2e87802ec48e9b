using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using ExchangeRules.Benchmarks.Fixtures;
using MimeKit;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Checks stamped messages against their originals and prints a Markdown table: does the output parse,
/// keep CRLF and the 998-octet line limit, keep attachments byte-identical, keep every text part valid in its
/// declared charset and transfer encoding, carry the disclaimer once per text part, and keep the original text.
/// </summary>
internal static class OutputVerifier
{
    private static readonly string _mojibakeMarker = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(Disclaimer.Marker));

    /// <summary>Compares every message of <paramref name="originalFolder"/> with its namesake in <paramref name="stampedFolder"/>.</summary>
    public static int Run(string originalFolder, string stampedFolder)
    {
        Console.WriteLine("| message | parses | bare LF | lines > 998 | attachments identical | text parts valid (charset, encoding) | disclaimer in plain parts | disclaimer in HTML parts | original words kept |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var failures = 0;
        foreach (var original in System.IO.Directory.GetFiles(originalFolder, "*.eml").Order(StringComparer.Ordinal))
        {
            var stamped = Path.Combine(stampedFolder, Path.GetFileName(original));
            var row = File.Exists(stamped) ? Check(File.ReadAllBytes(original), File.ReadAllBytes(stamped)) : "| missing output |";
            Console.WriteLine($"| {Path.GetFileName(original)} {row}");
            failures += row.Contains("**", StringComparison.Ordinal) ? 1 : 0;
        }

        Console.WriteLine();
        Console.WriteLine($"{failures} message(s) with a defect (bold cells).");
        return 0;
    }

    private static string Check(byte[] originalBytes, byte[] stampedBytes)
    {
        MimeMessage original;
        MimeMessage stamped;
        try
        {
            original = MimeMessage.Load(new MemoryStream(originalBytes));
            stamped = MimeMessage.Load(new MemoryStream(stampedBytes));
        }
        catch (FormatException ex)
        {
            return $"| **no: {ex.Message}** | | | | | | | |";
        }

        var bareLf = CountBareLineFeeds(stampedBytes);
        var longLines = CountLongLines(stampedBytes, 998);
        var attachmentsIdentical = NonTextParts(original).SequenceEqual(NonTextParts(stamped), ByteArrayComparer.Instance);
        var problems = new List<string>();
        var plainCounts = new List<string>();
        var htmlCounts = new List<string>();
        var qpLimit = Math.Max(76, LongestQuotedPrintableLine(original));
        foreach (var part in BodyTextParts(stamped))
        {
            var (text, problem) = DecodeStrictly(part, qpLimit);
            if (problem is not null)
            {
                problems.Add($"{part.ContentType.MimeType}: {problem}");
            }

            var html = part.IsHtml;
            var searchable = html ? WebUtility.HtmlDecode(text) : text;
            var count = Occurrences(searchable, Disclaimer.Marker);
            var cell = count.ToString(CultureInfo.InvariantCulture);
            if (count == 0 && Occurrences(searchable, _mojibakeMarker) > 0)
            {
                cell = "mojibake";
            }
            else if (count == 0 && problem is not null)
            {
                // The bytes may be there in another charset than the part declares (UTF-8 in a us-ascii part).
                var asUtf8 = Encoding.UTF8.GetString(Decode(part));
                var utf8Count = Occurrences(html ? WebUtility.HtmlDecode(asUtf8) : asUtf8, Disclaimer.Marker);
                cell = utf8Count > 0 ? $"{utf8Count} as undeclared UTF-8" : cell;
            }

            (html ? htmlCounts : plainCounts).Add(cell);
        }

        var (missingWords, firstMissing) = MissingOriginalWords(original, stamped);
        return string.Join(" | ", [
            string.Empty,
            "yes",
            Flag(bareLf == 0, bareLf.ToString(CultureInfo.InvariantCulture)),
            Flag(longLines == 0, longLines.ToString(CultureInfo.InvariantCulture)),
            Flag(attachmentsIdentical, attachmentsIdentical ? "yes" : "no"),
            Flag(problems.Count == 0, problems.Count == 0 ? "yes" : string.Join("; ", problems)),
            Counts(plainCounts),
            Counts(htmlCounts),
            Flag(missingWords == 0, missingWords == 0 ? "yes" : $"{missingWords} word(s) lost, first: `{firstMissing}`"),
            string.Empty,
        ]).Trim();
    }

    private static string Counts(List<string> counts)
    {
        if (counts.Count == 0)
        {
            return "n/a";
        }

        var text = string.Join(", ", counts);
        return Flag(counts.TrueForAll(c => c == "1"), text);
    }

    private static string Flag(bool good, string text) => good ? text : $"**{text}**";

    private static IEnumerable<TextPart> BodyTextParts(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().Where(part => !part.IsAttachment && (part.IsPlain || part.IsHtml));

    private static List<byte[]> NonTextParts(MimeMessage message) =>
        message.BodyParts.OfType<MimePart>().Where(part => part is not TextPart || part.IsAttachment).Select(Decode).ToList();

    private static byte[] Decode(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content?.DecodeTo(output);
        return output.ToArray();
    }

    // MimeKit's own encoder writes 77-character quoted-printable lines (76 plus the soft break), so the limit
    // is never below what the original message already had.
    private static int LongestQuotedPrintableLine(MimeMessage message) =>
        BodyTextParts(message).Where(part => part.ContentTransferEncoding == ContentEncoding.QuotedPrintable)
            .Select(part => LongestLine(RawContent(part))).DefaultIfEmpty(0).Max();

    private static (string Text, string? Problem) DecodeStrictly(TextPart part, int qpLimit)
    {
        var raw = RawContent(part);
        var encoding = part.ContentTransferEncoding;
        var problems = new List<string>();
        if (encoding is ContentEncoding.Default or ContentEncoding.SevenBit && raw.Any(b => b > 127))
        {
            problems.Add("8-bit bytes in a 7bit part");
        }

        if (encoding == ContentEncoding.Base64 && raw.Any(b => !IsBase64Octet(b)))
        {
            problems.Add("invalid base64");
        }

        if (encoding == ContentEncoding.QuotedPrintable && CountLongLines(raw, qpLimit) > 0)
        {
            problems.Add($"quoted-printable line over {qpLimit}");
        }

        var text = part.Text;
        var charset = part.ContentType.Charset ?? "us-ascii";
        try
        {
            var strict = Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            text = strict.GetString(Decode(part));
        }
        catch (DecoderFallbackException)
        {
            problems.Add($"not valid {charset}");
        }
        catch (ArgumentException)
        {
            problems.Add($"unknown charset {charset}");
        }

        return (text, problems.Count == 0 ? null : string.Join(", ", problems));
    }

    private static byte[] RawContent(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content?.WriteTo(output);
        return output.ToArray();
    }

    private static bool IsBase64Octet(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'+' or (byte)'/' or (byte)'=' or (byte)'\r' or (byte)'\n';

    // Every word of every original text part must still be there (as often as before); markup is split
    // into words too, so an insertion inside a line is no loss. A declared charset may change (re-encoding).
    private static (int Count, string First) MissingOriginalWords(MimeMessage original, MimeMessage stamped)
    {
        var before = BodyTextParts(original).ToList();
        var after = BodyTextParts(stamped).ToList();
        var missing = 0;
        var first = string.Empty;
        for (var i = 0; i < before.Count; i++)
        {
            var remaining = Words(i < after.Count ? after[i].Text : string.Empty)
                .GroupBy(word => word, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
            foreach (var word in Words(before[i].Text).Where(word => !word.Contains("charset=", StringComparison.OrdinalIgnoreCase)))
            {
                if (remaining.TryGetValue(word, out var count) && count > 0)
                {
                    remaining[word] = count - 1;
                    continue;
                }

                missing++;
                first = first.Length > 0 ? first : word;
            }
        }

        return (missing, first);
    }

    private static string[] Words(string text) =>
        text.Split([' ', '\t', '\r', '\n', '<', '>'], StringSplitOptions.RemoveEmptyEntries);

    private static int CountBareLineFeeds(byte[] bytes)
    {
        var count = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))
            {
                count++;
            }
        }

        return count;
    }

    private static int LongestLine(byte[] bytes)
    {
        var longest = 0;
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == '\n')
            {
                var length = i - start - (i > 0 && i <= bytes.Length && bytes[i - 1] == '\r' ? 1 : 0);
                longest = Math.Max(longest, length);
                start = i + 1;
            }
        }

        return longest;
    }

    private static int CountLongLines(byte[] bytes, int limit)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                var length = i - start - (i > 0 && bytes[i - 1] == '\r' ? 1 : 0);
                count += length > limit ? 1 : 0;
                start = i + 1;
            }
        }

        return count;
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
