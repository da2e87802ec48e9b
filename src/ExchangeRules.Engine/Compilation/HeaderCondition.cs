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

    public override string Description { get; }

    public override ConditionCost Cost => ConditionCost.Headers;

    protected override bool EvaluateCore(EvaluationState state)
    {
        var headers = state.Context.Content.GetHeaderValues(_name) ?? Array.Empty<string>();
        if (_test == HeaderTest.Exists)
        {
            return headers.Count > 0;
        }

        foreach (var header in headers)
        {
            if (_test == HeaderTest.Contains ? _values.Any(value => TextSearch.Contains(header, value)) : _patterns.Any(pattern => pattern.IsMatch(header)))
            {
                return true;
            }
        }

        return false;
    }
}
