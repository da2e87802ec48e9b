using System;
using Xunit;

namespace ExchangeRules.Directory.Tests;

/// <summary>Attribute names a configuration may declare: RFC 4512 descriptors of text attributes.</summary>
public class LdapAttributeNameTests
{
    [Theory]
    [InlineData("employeeID")]
    [InlineData("extensionAttribute5")]
    [InlineData("msDS-cloudExtensionAttribute3")]
    [InlineData("contoso-CostCenter")]
    [InlineData("c")]
    public void Problem_Descriptor_IsNone(string name)
    {
        Assert.Null(LdapAttributeName.Problem(name));
    }

    [Theory]
    [InlineData("", "an LDAP attribute name is required")]
    [InlineData("cost center", "is not an LDAP attribute name")]
    [InlineData("-costCenter", "is not an LDAP attribute name")]
    [InlineData("5thAttribute", "is not an LDAP attribute name")]
    [InlineData("cost_center", "is not an LDAP attribute name")]
    [InlineData("1.2.840.113556.1.4.35", "is a numeric OID")]
    [InlineData("1.02.3", "is not an LDAP attribute name")]
    [InlineData("description;lang-de", "has an attribute option (;lang-de)")]
    [InlineData("objectGUID", "holds binary data")]
    [InlineData("ThumbnailPhoto", "sender.photo")]
    public void Problem_NotADescriptorOfText_SaysWhy(string name, string expected)
    {
        Assert.Contains(expected, LdapAttributeName.Problem(name), StringComparison.Ordinal);
    }
}
