using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Processing.Logging;
using Xunit;

namespace ExchangeRules.Processing.Tests.Logging;

/// <summary>Which outcome details the per-message summary names, and that it never words a placement description.</summary>
public sealed class MessageSummaryOutcomeTests
{
    private static readonly PlannedAction _signature = new InsertContentAction("Signature", FailurePolicy.FailOpen, InsertionKind.Signature, "<p>Jan</p>", "Jan", Placement.UnderNewestReply, true, []);

    [Fact]
    public void AddOutcomes_AppliedPlacementDescription_IsListedWithoutWordingIt()
    {
        var summary = new MessageSummary(null);
        var worded = false;

        summary.AddOutcomes([new ActionOutcome(_signature, ActionStatus.Applied, () =>
        {
            worded = true;
            return "inserted signature under the newest reply into text/html (us-ascii)";
        })]);

        Assert.False(worded);
        Assert.Equal("Signature@Signature:Applied", Assert.Single(summary.Actions));
    }

    [Fact]
    public void AddOutcomes_AppliedWithAPartLeftAlone_NamesTheDetail()
    {
        var summary = new MessageSummary(null);
        const string detail = "inserted signature at the bottom into text/plain (utf-8); the text/html part was left byte-identical because its charset cannot be decoded";

        summary.AddOutcomes([new ActionOutcome(_signature, ActionStatus.Applied, detail)]);

        Assert.EndsWith("Applied (" + detail + ")", Assert.Single(summary.Actions), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutcomes_Skipped_NamesTheDetail()
    {
        var summary = new MessageSummary(null);

        summary.AddOutcomes([new ActionOutcome(_signature, ActionStatus.Skipped, "skipped: the block is already present in the newest part of the HTML body")]);

        Assert.EndsWith("Skipped (skipped: the block is already present in the newest part of the HTML body)", Assert.Single(summary.Actions), System.StringComparison.Ordinal);
    }
}
