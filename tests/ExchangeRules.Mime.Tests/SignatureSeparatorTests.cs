using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Text;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>The usenet signature separator "-- " keeps its trailing space (issue #19 item 5): clients recognise a signature by it.</summary>
public class SignatureSeparatorTests
{
    [Theory]
    [InlineData("-- \nJan Schmidt", "-- ")]
    [InlineData("--   \nJan Schmidt", "-- ")]
    [InlineData("--\nJan Schmidt", "--")]
    [InlineData("Best regards   \nJan Schmidt", "Best regards")]
    public void Wrap_FirstLine_KeepsOnlyTheSeparatorsTrailingSpace(string text, string expectedFirstLine)
    {
        Assert.Equal(expectedFirstLine, PlainTextRenderer.Wrap(text, 76)[0]);
    }

    [Fact]
    public void ToPlainText_SeparatorLineInHtml_KeepsItsTrailingSpace()
    {
        Assert.StartsWith("-- \n", HtmlText.ToPlainText("<p>-- <br>Jan Schmidt</p>"), System.StringComparison.Ordinal);
    }
}
