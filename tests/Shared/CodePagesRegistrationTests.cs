using System.Text;
using Xunit;

namespace ExchangeRules.Tests.Hosting;

/// <summary>This test host has the legacy code pages (the module initializer ran before any test).</summary>
public sealed class CodePagesRegistrationTests
{
    [Theory]
    [InlineData("windows-1252", 1252)]
    [InlineData("windows-1251", 1251)]
    [InlineData("koi8-r", 20866)]
    [InlineData("shift_jis", 932)]
    [InlineData("iso-2022-jp", 50220)]
    [InlineData("gb2312", 936)]
    public void TestHost_LegacyCodePage_IsAvailable(string name, int codePage)
    {
        Assert.Equal(codePage, Encoding.GetEncoding(name).CodePage);
    }
}
