using ExchangeRules.Mime.Text;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>The cached plain-text block is the text the renderer gives fresh, per line length and line break.</summary>
public sealed class WrappedTextBlocksTests
{
    private const string _long = "This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, please notify the sender immediately and delete it.";

    [Theory]
    [InlineData("Jan Schmidt\nContoso Ltd. · Sales\n+49 89 1234 5678", 76, "\r\n")]
    [InlineData("Jan Schmidt\nContoso Ltd. · Sales\n+49 89 1234 5678", 76, "\n")]
    [InlineData(_long, 76, "\r\n")]
    [InlineData(_long, 40, "\r\n")]
    [InlineData(_long, 40, "\n")]
    [InlineData("  \r\n\r\nline with trailing spaces   \r\n\r\n", 76, "\r\n")]
    [InlineData("", 76, "\r\n")]
    public void Of_AnyLayout_IsTheFreshRendering(string source, int width, string newLine)
    {
        var fresh = string.Join(newLine, PlainTextRenderer.Wrap(source, width));

        Assert.Equal(fresh, WrappedTextBlocks.Of(source, width, newLine));
        Assert.Equal(fresh, WrappedTextBlocks.Of(source, width, newLine));
    }

    [Fact]
    public void Of_SameSourceInAnotherLayout_IsNotTheFirstLayoutsBlock()
    {
        var crlf = WrappedTextBlocks.Of(_long, 40, "\r\n");
        var lf = WrappedTextBlocks.Of(_long, 40, "\n");
        var wide = WrappedTextBlocks.Of(_long, 76, "\n");

        Assert.Contains("\r\n", crlf, System.StringComparison.Ordinal);
        Assert.DoesNotContain("\r", lf, System.StringComparison.Ordinal);
        Assert.NotEqual(lf, wide);
    }
}
