using System;
using System.Globalization;
using System.IO;
using System.Linq;
using MimeKit;

namespace ExchangeRules.Harness.Tnef;

/// <summary>The few facts of an iCalendar part (RFC 5545) that Exchange turns into meeting properties: method, start, end, location.</summary>
internal sealed class CalendarFacts
{
    private CalendarFacts(string method, DateTime start, DateTime end, string? location, string? participation)
    {
        Participation = participation;
        Method = method;
        Start = start;
        End = end;
        Location = location;
    }

    public string Method { get; }

    public DateTime Start { get; }

    public DateTime End { get; }

    public string? Location { get; }

    /// <summary>The attendee's PARTSTAT in a reply (ACCEPTED, DECLINED, TENTATIVE), or null.</summary>
    public string? Participation { get; }

    /// <summary>
    /// The message class Outlook gives the item ([MS-OXOCAL] 2.2.6.1 meeting request, 2.2.7 response, 2.2.8 cancellation);
    /// a PUBLISH or unknown method is an ordinary note.
    /// </summary>
    public string MessageClass => Method switch
    {
        "REQUEST" => "IPM.Schedule.Meeting.Request",
        "CANCEL" => "IPM.Schedule.Meeting.Canceled",
        "REPLY" => Participation switch
        {
            "ACCEPTED" => "IPM.Schedule.Meeting.Resp.Pos",
            "DECLINED" => "IPM.Schedule.Meeting.Resp.Neg",
            _ => "IPM.Schedule.Meeting.Resp.Tent",
        },
        _ => "IPM.Note",
    };

    public static CalendarFacts Read(MimePart part)
    {
        string text = part is TextPart textPart ? textPart.Text : ReadAll(part);

        // RFC 5545 3.1: a line starting with a space or tab continues the previous one.
        string[] lines = text.Replace("\r\n ", string.Empty).Replace("\r\n\t", string.Empty).Replace("\n ", string.Empty).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        string method = Value(lines, "METHOD") ?? part.ContentType.Parameters["method"] ?? "PUBLISH";
        DateTime start = Time(Value(lines, "DTSTART") ?? throw new InvalidDataException("The calendar part has no DTSTART."));
        DateTime end = Value(lines, "DTEND") is { } dtEnd ? Time(dtEnd) : start.AddHours(1);
        string? attendee = lines.FirstOrDefault(l => l.StartsWith("ATTENDEE", StringComparison.OrdinalIgnoreCase));
        string? participation = attendee is null ? null : Parameter(attendee.Substring(0, attendee.IndexOf(':') < 0 ? attendee.Length : attendee.IndexOf(':')), "PARTSTAT");
        return new CalendarFacts(method.ToUpperInvariant(), start, end, Value(lines, "LOCATION"), participation?.ToUpperInvariant());
    }

    private static string? Value(string[] lines, string name)
    {
        string? line = lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) || l.StartsWith(name + ";", StringComparison.OrdinalIgnoreCase));
        return line?.Substring(line.IndexOf(':') + 1);
    }

    private static string? Parameter(string name, string parameter) =>
        name.Split(';').Skip(1).Select(p => p.Split('=')).Where(p => p.Length == 2 && p[0].Equals(parameter, StringComparison.OrdinalIgnoreCase)).Select(p => p[1]).FirstOrDefault();

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
