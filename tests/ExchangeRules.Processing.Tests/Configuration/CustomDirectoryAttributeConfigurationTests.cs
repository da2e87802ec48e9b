using System;
using System.IO;
using System.Linq;
using ExchangeRules.Processing.Configuration;
using Xunit;

namespace ExchangeRules.Processing.Tests.Configuration;

/// <summary>The &lt;attribute&gt; declarations of &lt;directory&gt;: read, and every mistake located at the attribute that makes it.</summary>
public sealed class CustomDirectoryAttributeConfigurationTests
{
    private static readonly string _agentFolder = Path.Combine(Path.GetTempPath(), "exrules-agent");

    [Fact]
    public void Load_Declarations_ReadsNameLdapNameAndMultiValued()
    {
        var result = Load("custom-attributes.xml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var fields = result.Configuration.Directory!.CustomFields;
        Assert.Equal(["costCenter", "employeeID", "certifications", "streetLine"], fields.Select(field => field.Name));
        Assert.Equal("contoso-CostCenter", fields[0].LdapName);
        Assert.False(fields[0].MultiValued);
        Assert.Equal("employeeID", fields[1].LdapName);
        Assert.Equal("msDS-cloudExtensionAttribute3", fields[2].LdapName);
        Assert.True(fields[2].MultiValued);
    }

    [Fact]
    public void Load_DeclarationOfAnOpenLdapAlias_ReadsTheAdNameEntriesCarry()
    {
        var fields = Load("custom-attributes.xml").Configuration.Directory!.CustomFields;

        Assert.Equal("streetAddress", fields.Single(field => field.Name == "streetLine").LdapName);
    }

    [Fact]
    public void Load_NoDeclarations_HasNoCustomFields()
    {
        var result = Load("ldif.xml");

        Assert.Empty(result.Configuration.Directory!.CustomFields);
    }

    [Theory]
    [InlineData(6, 16, "the field 'CostCenter' is already declared at line 5")]
    [InlineData(7, 16, "'title' is already a built-in field")]
    [InlineData(8, 16, "'cost-code' is not a template field name")]
    [InlineData(9, 29, "'contoso CostCenter' is not an LDAP attribute name: RFC 4512")]
    [InlineData(10, 27, "is a numeric OID")]
    [InlineData(11, 30, "has an attribute option (;lang-de)")]
    [InlineData(12, 31, "'thumbnailPhoto' holds binary data, not text; templates show the photo as sender.photo")]
    [InlineData(13, 29, "the attribute 'CONTOSO-COSTCENTER' is already declared as the field 'costCenter' at line 5")]
    public void Load_BadDeclaration_IsAnErrorAtItsAttribute(int line, int column, string message)
    {
        var result = Load("custom-attribute-errors.xml");

        Assert.Contains(result.Errors, error => error.Line == line && error.Column == column && error.Message.Contains(message, StringComparison.Ordinal));
        Assert.Null(result.Configuration.Directory);
    }

    [Fact]
    public void Load_BadDeclarations_ReportsEveryOneOnceAndKeepsTheLocatedFormat()
    {
        var result = Load("custom-attribute-errors.xml");

        Assert.Equal(8, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.StartsWith(Fixture("custom-attribute-errors.xml") + ":" + error.Line + ":", error.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FieldNamedAfterAnotherDeclarationsLdapAttribute_IsAmbiguous()
    {
        var result = Load("custom-attribute-ambiguous.xml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Line);
        Assert.Contains("'employeeNumber' is the LDAP attribute of the field 'badge' (line 5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AttributeBeforeTheDirectorySource_IsASchemaErrorAtTheAttribute()
    {
        var result = Load("custom-attribute-misplaced.xml");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, error => error.Line == 4 && error.Message.Contains("attribute", StringComparison.Ordinal));
    }

    private static ConfigurationLoadResult Load(string name) => AgentConfigurationLoader.Load(Fixture(name), _agentFolder);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Configuration", name);
}
