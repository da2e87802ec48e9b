using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Engine.Compilation;

/// <summary>The kind of a condition group.</summary>
internal enum GroupKind
{
    All = 0,
    Any = 1,
    Not = 2,
}

/// <summary>
/// all / any / not over child conditions. Children are evaluated cheapest first (a stable sort, so equal
/// costs keep document order); not is the negation of an all group.
/// </summary>
internal sealed class GroupCondition : Condition
{
    private readonly Condition[] _children;

    public GroupCondition(GroupKind kind, IEnumerable<Condition> children)
    {
        Kind = kind;
        _children = children.OrderBy(child => child.Cost).ToArray();
        Cost = _children.Length == 0 ? ConditionCost.Envelope : _children.Max(child => child.Cost);
        IsPerRecipient = _children.Any(child => child.IsPerRecipient);
        Description = BuildDescription();
    }

    public GroupKind Kind { get; }

    public IReadOnlyList<Condition> Children => _children;

    public override string Description { get; }

    public override ConditionCost Cost { get; }

    public override bool IsPerRecipient { get; }

    protected override bool EvaluateCore(EvaluationState state)
    {
        switch (Kind)
        {
            case GroupKind.All:
                return EvaluateAll(state);
            case GroupKind.Any:
                foreach (var child in _children)
                {
                    if (child.Evaluate(state))
                    {
                        return true;
                    }
                }

                state.Decider = this;
                return false;
            default:
                var inner = EvaluateAll(state);
                state.Decider = this;
                return !inner;
        }
    }

    private bool EvaluateAll(EvaluationState state)
    {
        foreach (var child in _children)
        {
            if (!child.Evaluate(state))
            {
                return false;
            }
        }

        return true;
    }

    private string BuildDescription()
    {
        var parts = string.Join("; ", _children.Select(child => child.Description));
        return Kind switch
        {
            GroupKind.All => "all of (" + parts + ")",
            GroupKind.Any => "any of (" + parts + ")",
            _ => "not (" + parts + ")",
        };
    }
}
