using Microsoft.Exchange.Data.Transport.Smtp;
using Xunit;

namespace Microsoft.Exchange.Data.Transport.Tests.Smtp;

public sealed class SmtpResponseTests
{
    [Fact]
    public void TryParse_SingleLine_ReadsCodes()
    {
        Assert.True(SmtpResponse.TryParse("451 4.7.0 Temporary rule failure", out SmtpResponse target));

        Assert.Equal("451", target.StatusCode);
        Assert.Equal("4.7.0", target.EnhancedStatusCode);
        Assert.Equal(new[] { "Temporary rule failure" }, target.StatusText);
        Assert.Equal(SmtpResponseType.TransientError, target.SmtpResponseType);
    }

    [Fact]
    public void TryParse_MultiLine_KeepsEveryLine()
    {
        Assert.True(SmtpResponse.TryParse("250-2.0.0 first\r\n250 2.0.0 second", out SmtpResponse target));

        Assert.Equal(new[] { "first", "second" }, target.StatusText);
        Assert.Equal("250-2.0.0 first\r\n250 2.0.0 second", target.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("25 x")]
    [InlineData("250-a\r\n251 b")]
    public void TryParse_NotAReply_ReturnsFalse(string text)
    {
        Assert.False(SmtpResponse.TryParse(text, out _));
    }

    [Fact]
    public void Equality_ComparesTheReply()
    {
        var a = new SmtpResponse("550", "5.1.1", "User unknown");
        var b = new SmtpResponse("550", "5.1.1", "User unknown");

        Assert.True(a == b);
        Assert.NotEqual(a, SmtpResponse.Empty);
        Assert.Equal(string.Empty, SmtpResponse.Empty.ToString());
    }
}
