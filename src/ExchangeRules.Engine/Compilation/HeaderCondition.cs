using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeRules.Engine.Compilation;

/// <summary>How a header condition tests.</summary>
internal enum HeaderTest
{
    Exists = 0,
    Contains = 1,
    Matches = 2,
}

/// <summary>A header exists, contains a value or matches a pattern.</summary>
internal sealed class HeaderCondition : Condition
{
    private readonly string _name;
    private readonly HeaderTest _test;
    private readonly IReadOnlyList<string> _values;
    private readonly Regex[] _patterns;

    public HeaderCondition(string name, HeaderTest test, IReadOnlyList<string> values, TimeSpan timeout)
    {
        _name = name;
        _test = test;
        _values = values;
        _patterns = test == HeaderTest.Matches ? values.Select(value => StringMatcher.CreateRegex(value, timeout)).ToArray() : Array.Empty<Regex>();
        Description = test switch
        {
            HeaderTest.Exists => "header " + name + " exists",
            HeaderTest.Contains => "header " + name + " contains " + StringMatcher.DescribeValues(values),
            _ => "header " + name + " matches " + StringMatcher.DescribeValues(values),
        };
    }

    /// <summary>The header name (for the rule index).</summary>
    public string Name => _name;

    public HeaderTest Test => _test;

    /// <summary>The values or patterns (for the rule index).</summary>
    public IReadOnlyList<string> Values => _values;

    public override string Description { get; }

    public override ConditionCost Cost => ConditionCost.Headers;

    protected override bool EvaluateCore(EvaluationState state)
    {
        var headers = state.Context.Content.GetHeaderValues(_name) ?? Array.Empty<string>();
        if (_test == HeaderTest.Exists)
        {
            return headers.Count > 0;
        }

        for (var h = 0; h < headers.Count; h++)
        {
            if (_test == HeaderTest.Contains ? ContainsAny(headers[h]) : MatchesAny(headers[h]))
            {
                return true;
            }
        }

        return false;
    }

    private bool ContainsAny(string header)
    {
        for (var v = 0; v < _values.Count; v++)
        {
            if (TextSearch.Contains(header, _values[v]))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesAny(string header)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(header))
            {
                return true;
            }
        }

        return false;
    }
}
