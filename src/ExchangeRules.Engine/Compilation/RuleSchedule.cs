using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ExchangeRules.Engine.Compilation;

/// <summary>When a rule is active: a date range, weekdays and hours in a time zone.</summary>
internal sealed class RuleSchedule
{
    private readonly TimeZoneInfo _zone;
    private readonly DateTime? _from;
    private readonly DateTime? _until;
    private readonly int _weekdayMask;
    private readonly TimeSpan? _hoursFrom;
    private readonly TimeSpan? _hoursUntil;

    public RuleSchedule(TimeZoneInfo zone, DateTime? from, DateTime? until, IReadOnlyCollection<DayOfWeek>? weekdays, TimeSpan? hoursFrom, TimeSpan? hoursUntil)
    {
        _zone = zone;
        _from = from;
        _until = until;
        _weekdayMask = weekdays is null ? 0x7F : weekdays.Aggregate(0, (mask, day) => mask | (1 << (int)day));
        _hoursFrom = hoursFrom;
        _hoursUntil = hoursUntil;
        Description = BuildDescription(weekdays);
    }

    public string Description { get; }

    public bool IsActive(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone).DateTime;
        if ((_from.HasValue && local < _from.Value) || (_until.HasValue && local > _until.Value))
        {
            return false;
        }

        if ((_weekdayMask & (1 << (int)local.DayOfWeek)) == 0)
        {
            return false;
        }

        if (_hoursFrom.HasValue && _hoursUntil.HasValue)
        {
            var time = local.TimeOfDay;
            return _hoursFrom.Value <= _hoursUntil.Value
                ? time >= _hoursFrom.Value && time < _hoursUntil.Value
                : time >= _hoursFrom.Value || time < _hoursUntil.Value;
        }

        return true;
    }

    private string BuildDescription(IReadOnlyCollection<DayOfWeek>? weekdays)
    {
        var parts = new List<string>();
        if (_from.HasValue)
        {
            parts.Add("from " + _from.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        if (_until.HasValue)
        {
            parts.Add("until " + _until.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        if (weekdays is not null)
        {
            parts.Add("on " + string.Join(", ", weekdays.Select(day => day.ToString())));
        }

        if (_hoursFrom.HasValue && _hoursUntil.HasValue)
        {
            parts.Add("between " + _hoursFrom.Value.ToString(@"hh\:mm", CultureInfo.InvariantCulture) + " and " + _hoursUntil.Value.ToString(@"hh\:mm", CultureInfo.InvariantCulture));
        }

        parts.Add("time zone " + _zone.Id);
        return string.Join(", ", parts);
    }
}
