using System.Text;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>The cache of code page lookups answers exactly what <see cref="Encoding.GetEncoding(int)"/> answers without it.</summary>
public class CodePageLookupCacheTests
{
    [Theory]
    [InlineData(1252)]
    [InlineData(932)]
    [InlineData(20866)]
    [InlineData(65001)]
    [InlineData(20127)]
    [InlineData(28591)]
    [InlineData(1200)]
    public void GetEncoding_KnownCodePage_IsTheInstanceTheRuntimeReturns_AlsoWhenAskedAgain(int codepage)
    {
        var cache = new CodePageLookupCache();

        var expected = Encoding.GetEncoding(codepage);

        Assert.Same(expected, cache.GetEncoding(codepage));
        Assert.Same(expected, cache.GetEncoding(codepage));
    }

    [Theory]
    [InlineData(12345)]
    [InlineData(-1)]
    [InlineData(70000)]
    public void GetEncoding_UnknownCodePage_IsDeclined_SoTheLookupFailsAsWithoutTheCache(int codepage)
    {
        var cache = new CodePageLookupCache();

        Assert.Null(cache.GetEncoding(codepage));
        Assert.Null(cache.GetEncoding(codepage));
    }

    [Fact]
    public void GetEncoding_ByNameOrWithFallbacks_IsLeftToTheOthers()
    {
        var cache = new CodePageLookupCache();

        Assert.Null(cache.GetEncoding("windows-1252"));
        Assert.Null(cache.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));
        Assert.Null(cache.GetEncoding("windows-1252", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));
    }

    [Fact]
    public void Register_LookupsThroughTheRegisteredCache_AnswerAsBefore()
    {
        var utf8 = Encoding.GetEncoding(65001);
        var windows1252 = Encoding.GetEncoding(1252);

        CodePageRegistration.Register();

        Assert.True(CodePageRegistration.LegacyCodePagesAvailable);
        Assert.Same(utf8, Encoding.GetEncoding(65001));
        Assert.Same(windows1252, Encoding.GetEncoding(1252));
        Assert.Equal(1252, Encoding.GetEncoding("windows-1252").CodePage);
        Assert.Same(DecoderFallback.ExceptionFallback, Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).DecoderFallback);
    }
}
