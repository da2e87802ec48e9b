using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeRules.Engine.Compilation;

/// <summary>What text a text condition reads.</summary>
internal enum TextTarget
{
    Subject = 0,
    Body = 1,
    SubjectOrBody = 2,

    /// <summary>The newest part of the body: the text above the topmost quoted-history marker.</summary>
    NewestPart = 3,
}

/// <summary>How a text condition compares.</summary>
internal enum TextMode
{
    /// <summary>Whole words or phrases, case-insensitive.</summary>
    Words = 0,

    /// <summary>Regular expressions.</summary>
    Pattern = 1,

    /// <summary>Plain substring, case-insensitive.</summary>
    Substring = 2,
}

/// <summary>Subject, body or either contains words, a substring, or matches a pattern.</summary>
internal sealed class TextCondition : Condition
{
    private readonly IReadOnlyList<string> _values;
    private readonly Regex[] _patterns;

    public TextCondition(TextTarget target, TextMode mode, IReadOnlyList<string> values, TimeSpan timeout, string? description = null)
    {
        Target = target;
        Mode = mode;
        _values = values;
        _patterns = mode == TextMode.Pattern ? values.Select(value => StringMatcher.CreateRegex(value, timeout)).ToArray() : Array.Empty<Regex>();
        var what = target switch
        {
            TextTarget.Subject => "subject",
            TextTarget.Body => "body",
            TextTarget.NewestPart => "newest part of the body",
            _ => "subject or body",
        };
        var verb = mode switch
        {
            TextMode.Words => " contains ",
            TextMode.Pattern => " matches ",
            _ => " contains the text ",
        };
        Description = description ?? what + verb + StringMatcher.DescribeValues(values);
    }

    public TextTarget Target { get; }

    public TextMode Mode { get; }

    /// <summary>The words, texts or patterns (for the rule index).</summary>
    public IReadOnlyList<string> Values => _values;

    public override string Description { get; }

    public override ConditionCost Cost => Target == TextTarget.Subject ? ConditionCost.Headers : ConditionCost.Body;

    protected override bool EvaluateCore(EvaluationState state) => Target switch
    {
        TextTarget.Subject => Test(state.Context.Content.Subject ?? string.Empty),
        TextTarget.Body => Test(state.BodyText),
        TextTarget.NewestPart => Test(state.NewestPartText),
        _ => Test(state.Context.Content.Subject ?? string.Empty) || Test(state.BodyText),
    };

    private bool Test(string text)
    {
        switch (Mode)
        {
            case TextMode.Words:
                foreach (var value in _values)
                {
                    if (TextSearch.ContainsWord(text, value))
                    {
                        return true;
                    }
                }

                return false;
            case TextMode.Substring:
                foreach (var value in _values)
                {
                    if (TextSearch.Contains(text, value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                foreach (var pattern in _patterns)
                {
                    if (pattern.IsMatch(text))
                    {
                        return true;
                    }
                }

                return false;
        }
    }
}
