using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeRules.Engine.Compilation;

/// <summary>How a value list is matched.</summary>
internal enum MatchKind
{
    Exact = 0,
    Wildcard = 1,
    Regex = 2,
}

/// <summary>
/// Matches a string against a list of values: exact (ordinal, case-insensitive, hashed), wildcard or regular
/// expression (both precompiled with a match timeout).
/// </summary>
internal sealed class StringMatcher
{
    private readonly HashSet<string>? _exact;
    private readonly Regex[] _patterns;

    public StringMatcher(MatchKind kind, IReadOnlyList<string> values, TimeSpan timeout)
    {
        Kind = kind;
        Values = values;
        if (kind == MatchKind.Exact)
        {
            _exact = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
            _patterns = Array.Empty<Regex>();
        }
        else
        {
            _patterns = values.Select(value => kind == MatchKind.Regex ? CreateRegex(value, timeout) : CreateWildcard(value, timeout)).ToArray();
        }
    }

    public MatchKind Kind { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>The exact values (for the rule index), or null for wildcard and regex matchers.</summary>
    public IReadOnlyCollection<string>? ExactValues => _exact;

    public bool IsMatch(string input)
    {
        if (_exact is not null)
        {
            return _exact.Contains(input);
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(input))
            {
                return true;
            }
        }

        return false;
    }

    public string Describe(string subject)
    {
        var verb = Kind switch
        {
            MatchKind.Exact => "is",
            MatchKind.Wildcard => "is like",
            _ => "matches",
        };
        return subject + " " + verb + " " + DescribeValues(Values);
    }

    public static Regex CreateRegex(string pattern, TimeSpan timeout) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, timeout);

    public static Regex CreateWildcard(string pattern, TimeSpan timeout) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, timeout);

    public static string DescribeValues(IReadOnlyList<string> values) =>
        values.Count == 1 ? "'" + values[0] + "'" : "one of " + string.Join(", ", values.Select(value => "'" + value + "'"));
}
