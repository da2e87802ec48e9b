using System.Text;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>The cache in front of <see cref="CodePagesEncodingProvider"/> answers exactly as the provider does.</summary>
public class CodePageLookupCacheTests
{
    [Theory]
    [InlineData(1252)]
    [InlineData(932)]
    [InlineData(20866)]
    [InlineData(65001)]
    [InlineData(20127)]
    [InlineData(28591)]
    [InlineData(12345)]
    [InlineData(-1)]
    [InlineData(70000)]
    public void GetEncoding_ByCodePage_ReturnsWhatTheProviderReturns_AlsoWhenAskedAgain(int codepage)
    {
        var cache = new CodePageLookupCache(CodePagesEncodingProvider.Instance);

        var expected = CodePagesEncodingProvider.Instance.GetEncoding(codepage);

        Assert.Same(expected, cache.GetEncoding(codepage));
        Assert.Same(expected, cache.GetEncoding(codepage));
    }

    [Fact]
    public void GetEncoding_ByNameOrWithFallbacks_IsTheProvidersAnswer()
    {
        var cache = new CodePageLookupCache(CodePagesEncodingProvider.Instance);

        Assert.Same(CodePagesEncodingProvider.Instance.GetEncoding("windows-1252"), cache.GetEncoding("windows-1252"));
        Assert.Null(cache.GetEncoding("no-such-charset"));
        var strict = cache.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        Assert.NotNull(strict);
        Assert.Same(DecoderFallback.ExceptionFallback, strict.DecoderFallback);
    }

    [Fact]
    public void Register_MakesTheLegacyCodePagesAvailable()
    {
        CodePageRegistration.Register();

        Assert.True(CodePageRegistration.LegacyCodePagesAvailable);
        Assert.Equal(1252, Encoding.GetEncoding("windows-1252").CodePage);
        Assert.Equal(65001, Encoding.GetEncoding(65001).CodePage);
    }
}
