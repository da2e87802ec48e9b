using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime.Markers;
using ExchangeRules.Mime.Text;
using Xunit;

namespace ExchangeRules.Mime.Tests.Text;

public class PlainTextLocatorTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Locate_AttributionWrappedOntoTwoLines_StartsAtItsFirstLine(string newLine)
    {
        var text = $"Thanks, see you then.{newLine}{newLine}On Mon, 3 Nov 2025 at 10:12, Alice Example <alice@{newLine}example.com> wrote:{newLine}> Lunch?{newLine}";

        var point = PlainTextLocator.Locate(text, Placement.UnderNewestReply, ReplyMarkerSet.Default, EditBudget.Unlimited);

        Assert.Equal(text.IndexOf("On Mon", System.StringComparison.Ordinal), point.NewestEnd);
        Assert.Equal("attribution-en", point.MarkerName);
    }

    [Fact]
    public void Locate_MarkerWithoutAnchorsAfterAnAnchorWord_IsStillFound()
    {
        const string Text = "I wrote the figures down.\r\n---\r\n\r\nFrom: Alice <alice@example.com>\r\nSent: Monday\r\nSubject: figures\r\n";

        var point = PlainTextLocator.Locate(Text, Placement.UnderNewestReply, ReplyMarkerSet.Default, EditBudget.Unlimited);

        Assert.Equal(Text.IndexOf("From:", System.StringComparison.Ordinal), point.NewestEnd);
        Assert.Equal("outlook-from-sent-block", point.MarkerName);
    }

    [Fact]
    public void Locate_NoMarker_EndsAtTheEnd()
    {
        const string Text = "Hello,\r\nnothing quoted here -- just text.\r\n";

        var point = PlainTextLocator.Locate(Text, Placement.UnderNewestReply, ReplyMarkerSet.Default, EditBudget.Unlimited);

        Assert.Equal(Text.Length, point.NewestEnd);
        Assert.Null(point.MarkerName);
    }
}
