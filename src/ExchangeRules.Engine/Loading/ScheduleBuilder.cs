using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using ExchangeRules.Engine.Compilation;
using TimeZoneConverter;
using static ExchangeRules.Engine.Loading.XmlValues;

namespace ExchangeRules.Engine.Loading;

/// <summary>Reads a schedule element; the time zone may be a Windows or an IANA id on any platform.</summary>
internal static class ScheduleBuilder
{
    public static RuleSchedule? Build(XElement? schedule, LoadContext context)
    {
        if (schedule is null)
        {
            return null;
        }

        var errorsBefore = context.Errors.Count;
        var zoneId = Attribute(schedule, "timeZone") ?? "UTC";
        var zone = FindZone(zoneId);
        if (zone is null)
        {
            context.Add(schedule.Attribute("timeZone") ?? (XObject)schedule, $"unknown time zone '{zoneId}': use a Windows id such as 'W. Europe Standard Time' or an IANA id such as 'Europe/Berlin'");
        }

        var from = LocalDateTime(schedule, "from");
        var until = LocalDateTime(schedule, "until");
        if (from.HasValue && until.HasValue && from.Value >= until.Value)
        {
            context.Add(schedule.Attribute("until")!, "conflicting options: the schedule ends before it starts (until must be later than from)");
        }

        IReadOnlyCollection<DayOfWeek>? weekdays = null;
        var weekdaysElement = schedule.Element(Name("weekdays"));
        if (weekdaysElement is not null)
        {
            weekdays = Tokens(weekdaysElement).Select(ParseDay).Distinct().ToArray();
        }

        TimeSpan? hoursFrom = null;
        TimeSpan? hoursUntil = null;
        var hours = schedule.Element(Name("hours"));
        if (hours is not null)
        {
            hoursFrom = TimeOfDay(hours, "from");
            hoursUntil = TimeOfDay(hours, "until");
            if (hoursFrom.HasValue && hoursFrom == hoursUntil)
            {
                context.Add(hours, "conflicting options: hours from and until are equal, so the rule would never be active");
            }
        }

        return context.Errors.Count == errorsBefore && zone is not null
            ? new RuleSchedule(zone, from, until, weekdays, hoursFrom, hoursUntil)
            : null;
    }

    /// <summary>The system's own lookup first (fast, and on .NET 6+ it knows both id kinds), then TimeZoneConverter's id mapping (IANA ids on .NET Framework).</summary>
    private static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TZConvert.TryGetTimeZoneInfo(id, out var zone) ? zone : null;
        }
    }

    private static DayOfWeek ParseDay(string token) => token switch
    {
        "monday" => DayOfWeek.Monday,
        "tuesday" => DayOfWeek.Tuesday,
        "wednesday" => DayOfWeek.Wednesday,
        "thursday" => DayOfWeek.Thursday,
        "friday" => DayOfWeek.Friday,
        "saturday" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    /// <summary>A date and time read as wall-clock time in the schedule's time zone (any offset in the text is ignored).</summary>
    private static DateTime? LocalDateTime(XElement element, string name)
    {
        var value = Attribute(element, name);
        if (value is null)
        {
            return null;
        }

        try
        {
            var parsed = XmlConvert.ToDateTimeOffset(value);
            return DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static TimeSpan? TimeOfDay(XElement element, string name)
    {
        var value = Attribute(element, name);
        if (value is null)
        {
            return null;
        }

        try
        {
            return XmlConvert.ToDateTimeOffset("2000-01-01T" + value.Split('+', 'Z')[0]).TimeOfDay;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
