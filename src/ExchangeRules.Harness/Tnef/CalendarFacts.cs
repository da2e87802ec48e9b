using System;
using System.Globalization;
using System.IO;
using System.Linq;
using MimeKit;

namespace ExchangeRules.Harness.Tnef;

/// <summary>The few facts of an iCalendar part (RFC 5545) that Exchange turns into meeting properties: method, start, end, location.</summary>
internal sealed class CalendarFacts
{
    private CalendarFacts(string method, DateTime start, DateTime end, string? location)
    {
        Method = method;
        Start = start;
        End = end;
        Location = location;
    }

    public string Method { get; }

    public DateTime Start { get; }

    public DateTime End { get; }

    public string? Location { get; }

    public static CalendarFacts Read(MimePart part)
    {
        string text = part is TextPart textPart ? textPart.Text : ReadAll(part);

        // RFC 5545 3.1: a line starting with a space or tab continues the previous one.
        string[] lines = text.Replace("\r\n ", string.Empty).Replace("\r\n\t", string.Empty).Replace("\n ", string.Empty).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        string method = Value(lines, "METHOD") ?? part.ContentType.Parameters["method"] ?? "PUBLISH";
        DateTime start = Time(Value(lines, "DTSTART") ?? throw new InvalidDataException("The calendar part has no DTSTART."));
        DateTime end = Value(lines, "DTEND") is { } dtEnd ? Time(dtEnd) : start.AddHours(1);
        return new CalendarFacts(method.ToUpperInvariant(), start, end, Value(lines, "LOCATION"));
    }

    private static string? Value(string[] lines, string name)
    {
        string? line = lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) || l.StartsWith(name + ";", StringComparison.OrdinalIgnoreCase));
        return line?.Substring(line.IndexOf(':') + 1);
    }

    private static DateTime Time(string value)
    {
        string[] formats = { "yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd'T'HHmmss", "yyyyMMdd" };
        DateTime parsed = DateTime.ParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
    }

    private static string ReadAll(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content?.DecodeTo(output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
