using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using Xunit;

namespace ExchangeRules.Engine.Tests.Editing;

/// <summary>An outcome whose placement words are built when first read reads like one built with its words.</summary>
public sealed class ActionOutcomeTests
{
    private static readonly PlannedAction _action = new HeaderAction("Tag", FailurePolicy.FailOpen, "X-Tag", "1");

    [Fact]
    public void Detail_PlacementDescription_IsWordedOnceWhenFirstRead()
    {
        var calls = 0;
        var outcome = new ActionOutcome(_action, ActionStatus.Applied, () =>
        {
            calls++;
            return "inserted signature under the newest reply into text/html (utf-8)";
        });

        Assert.True(outcome.IsPlacementDescription);
        Assert.Equal(0, calls);
        Assert.Equal("inserted signature under the newest reply into text/html (utf-8)", outcome.Detail);
        Assert.Equal("inserted signature under the newest reply into text/html (utf-8)", outcome.Detail);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Detail_GivenText_IsNotAPlacementDescription()
    {
        var outcome = new ActionOutcome(_action, ActionStatus.Skipped, "skipped: the block is already present");

        Assert.False(outcome.IsPlacementDescription);
        Assert.Equal("skipped: the block is already present", outcome.Detail);
    }
}
