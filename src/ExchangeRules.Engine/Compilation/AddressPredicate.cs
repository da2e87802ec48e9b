using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeRules.Engine.Compilation;

/// <summary>A test of one address (the sender's or a recipient's).</summary>
internal abstract class AddressPredicate
{
    /// <summary>What is tested, with <c>{0}</c> standing for "sender" or "recipient".</summary>
    public abstract string Describe(string who);

    public abstract ConditionCost Cost { get; }

    public abstract bool Test(string address, bool isSender, EvaluationState state);
}

/// <summary>The whole address matches.</summary>
internal sealed class AddressMatchPredicate : AddressPredicate
{
    public AddressMatchPredicate(StringMatcher matcher, bool domainOnly)
    {
        Matcher = matcher;
        DomainOnly = domainOnly;
    }

    public StringMatcher Matcher { get; }

    public bool DomainOnly { get; }

    public override ConditionCost Cost => ConditionCost.Envelope;

    public override string Describe(string who) => Matcher.Describe(who + (DomainOnly ? " domain" : " address"));

    public override bool Test(string address, bool isSender, EvaluationState state) =>
        Matcher.IsMatch(DomainOnly ? state.Domain(address) : address);
}

/// <summary>Member (directly or nested) of one of the groups.</summary>
internal sealed class MemberOfPredicate : AddressPredicate
{
    private readonly IReadOnlyList<string> _groups;

    public MemberOfPredicate(IReadOnlyList<string> groups)
    {
        _groups = groups;
    }

    public override ConditionCost Cost => ConditionCost.Directory;

    public override string Describe(string who) => who + " is a member of " + StringMatcher.DescribeValues(_groups);

    public override bool Test(string address, bool isSender, EvaluationState state)
    {
        var directory = state.Context.Directory;
        if (directory is null || address.Length == 0)
        {
            return false;
        }

        foreach (var group in _groups)
        {
            if (directory.IsMemberOf(address, group))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The operator of an attribute test.</summary>
internal enum AttributeOperator
{
    Equals = 0,
    Contains = 1,
    Matches = 2,
}

/// <summary>A directory attribute equals, contains or matches one of the values.</summary>
internal sealed class AttributePredicate : AddressPredicate
{
    private readonly string _attribute;
    private readonly AttributeOperator _operator;
    private readonly IReadOnlyList<string> _values;
    private readonly Regex[] _patterns;

    public AttributePredicate(string attribute, AttributeOperator op, IReadOnlyList<string> values, TimeSpan timeout)
    {
        _attribute = attribute;
        _operator = op;
        _values = values;
        _patterns = op == AttributeOperator.Matches ? values.Select(value => StringMatcher.CreateRegex(value, timeout)).ToArray() : Array.Empty<Regex>();
    }

    public override ConditionCost Cost => ConditionCost.Directory;

    public override string Describe(string who)
    {
        var verb = _operator switch
        {
            AttributeOperator.Equals => "equals",
            AttributeOperator.Contains => "contains",
            _ => "matches",
        };
        return who + " attribute " + _attribute + " " + verb + " " + StringMatcher.DescribeValues(_values);
    }

    public override bool Test(string address, bool isSender, EvaluationState state)
    {
        var entry = state.FindEntry(address);
        if (entry is null)
        {
            return false;
        }

        foreach (var actual in entry.GetValues(_attribute))
        {
            if (TestValue(actual))
            {
                return true;
            }
        }

        return false;
    }

    private bool TestValue(string actual)
    {
        switch (_operator)
        {
            case AttributeOperator.Equals:
                var trimmed = actual.Trim();
                foreach (var value in _values)
                {
                    if (string.Equals(trimmed, value.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            case AttributeOperator.Contains:
                foreach (var value in _values)
                {
                    if (TextSearch.Contains(actual, value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                foreach (var pattern in _patterns)
                {
                    if (pattern.IsMatch(actual))
                    {
                        return true;
                    }
                }

                return false;
        }
    }
}

/// <summary>Inside or outside the organisation.</summary>
internal sealed class ScopePredicate : AddressPredicate
{
    public ScopePredicate(bool inside)
    {
        Inside = inside;
    }

    public bool Inside { get; }

    public override ConditionCost Cost => ConditionCost.Envelope;

    public override string Describe(string who) => who + " is " + (Inside ? "inside" : "outside") + " the organisation";

    public override bool Test(string address, bool isSender, EvaluationState state)
    {
        var inside = isSender ? state.IsInside(address) : state.IsRecipientInside(address);
        return inside == Inside;
    }
}
