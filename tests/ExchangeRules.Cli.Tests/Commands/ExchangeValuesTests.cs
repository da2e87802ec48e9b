using System;
using ExchangeRules.Cli.Migration;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class ExchangeValuesTests
{
    [Theory]
    [InlineData("10 MB (10,485,760 bytes)", "10485760")]
    [InlineData("512 KB (524,288 bytes)", "524288")]
    [InlineData("10MB", "10485760")]
    [InlineData("1.5 GB", "1610612736")]
    [InlineData("2048", "2048")]
    public void Size_ExchangeFormats_AreBytes(string exported, string bytes) => Assert.Equal(bytes, ExchangeValues.Size(exported));

    [Theory]
    [InlineData("unlimited")]
    [InlineData("10 parsecs")]
    public void Size_Unreadable_IsNull(string exported) => Assert.Null(ExchangeValues.Size(exported));

    [Theory]
    [InlineData("2026-12-20T00:00:00.0000000+01:00", "2026-12-19T23:00:00")]
    [InlineData("/Date(1798761600000)/", "2027-01-01T00:00:00")]
    [InlineData("2026-12-31 18:00", "2026-12-31T18:00:00")]
    public void Date_ExportFormats_AreUtc(string exported, string utc)
    {
        var date = ExchangeValues.Date(exported);

        Assert.NotNull(date);
        Assert.Equal(DateTimeKind.Utc, date.Value.Kind);
        Assert.Equal(utc, date.Value.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("City", "l")]
    [InlineData("department", "department")]
    [InlineData("CustomAttribute15", "extensionAttribute15")]
    [InlineData("CustomAttribute16", null)]
    [InlineData("ShoeSize", null)]
    public void LdapAttribute_ExchangeNames_MapToDirectoryAttributes(string exchange, string? ldap) => Assert.Equal(ldap, ExchangeValues.LdapAttribute(exchange));
}
