using System;
using System.Linq;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>all / any / not behave like boolean logic for any nesting, and cost ordering never changes a result.</summary>
public sealed class CombinatorPropertyTests
{
    private static readonly EvaluationState _state = new(TestMessage.Internal().Build());

    [Property(MaxTest = 300)]
    public bool Group_AnyTree_EvaluatesLikeBooleanLogic(int seed)
    {
        var random = new Random(seed);
        var (condition, expected) = RandomTree(random, depth: 0);

        return condition.Evaluate(_state) == expected;
    }

    [Property(MaxTest = 200)]
    public bool All_IsTrueExactlyWhenEveryChildIsTrue(bool[] values)
    {
        var group = new GroupCondition(GroupKind.All, values.Select((value, i) => (Condition)new Constant(value, (ConditionCost)(i % 5))));

        return group.Evaluate(_state) == values.All(value => value);
    }

    [Property(MaxTest = 200)]
    public bool Any_IsTrueExactlyWhenSomeChildIsTrue(bool[] values)
    {
        var group = new GroupCondition(GroupKind.Any, values.Select((value, i) => (Condition)new Constant(value, (ConditionCost)(4 - (i % 5)))));

        return group.Evaluate(_state) == values.Any(value => value);
    }

    [Property(MaxTest = 200)]
    public bool Not_NegatesTheConjunctionOfItsChildren(bool[] values)
    {
        var group = new GroupCondition(GroupKind.Not, values.Select(value => (Condition)new Constant(value, ConditionCost.Headers)));

        return group.Evaluate(_state) == !values.All(value => value);
    }

    [Property(MaxTest = 200)]
    public Property All_WhenFalse_DecidingConditionIsAFalseChild(bool[] values)
    {
        var children = values.Select((value, i) => new Constant(value, (ConditionCost)(i % 5))).ToArray();
        var group = new GroupCondition(GroupKind.All, children);

        var result = group.Evaluate(_state);

        return (result || (_state.Decider is Constant { Value: false })).ToProperty();
    }

    [Property(MaxTest = 200)]
    public bool Any_WhenTrue_DecidingConditionIsATrueChild(bool[] values)
    {
        var group = new GroupCondition(GroupKind.Any, values.Select(value => (Condition)new Constant(value, ConditionCost.Envelope)));

        var result = group.Evaluate(_state);

        return !result || _state.Decider is Constant { Value: true };
    }

    private static (Condition Condition, bool Expected) RandomTree(Random random, int depth)
    {
        if (depth > 3 || random.Next(3) == 0)
        {
            var value = random.Next(2) == 0;
            return (new Constant(value, (ConditionCost)random.Next(5)), value);
        }

        var kind = (GroupKind)random.Next(3);
        var children = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomTree(random, depth + 1)).ToArray();
        var expected = kind switch
        {
            GroupKind.All => children.All(child => child.Expected),
            GroupKind.Any => children.Any(child => child.Expected),
            _ => !children.All(child => child.Expected),
        };
        return (new GroupCondition(kind, children.Select(child => child.Condition)), expected);
    }

    private sealed class Constant : Condition
    {
        public Constant(bool value, ConditionCost cost)
        {
            Value = value;
            Cost = cost;
        }

        public bool Value { get; }

        public override string Description => Value ? "true" : "false";

        public override ConditionCost Cost { get; }

        protected override bool EvaluateCore(EvaluationState state) => Value;
    }
}
