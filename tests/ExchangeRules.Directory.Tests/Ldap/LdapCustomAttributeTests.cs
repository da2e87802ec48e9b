using System;
using System.IO;
using ExchangeRules.Directory.Ldap;
using Xunit;

namespace ExchangeRules.Directory.Tests.Ldap;

/// <summary>
/// Attributes the configuration declares (<c>&lt;directory&gt;&lt;attribute&gt;</c>), read from a real OpenLDAP server
/// whose schema has an organisation's extension (<c>contoso-CostCenter</c>): requested by name, never with <c>*</c>.
/// </summary>
public sealed class LdapCustomAttributeTests : IClassFixture<LdapCustomAttributeTests.ExtendedSchemaServer>
{
    private const string _casey = "casey.jensen@contoso.com";
    private readonly ExtendedSchemaServer _server;

    public LdapCustomAttributeTests(ExtendedSchemaServer server)
    {
        _server = server;
    }

    [Fact]
    public void FindBySmtpAddress_DeclaredAttributes_AreReadFromTheSchemaExtension()
    {
        var options = LdapDirectoryTests.Options(_server.Slapd.Port)
            .WithAdditionalAttributes(["contoso-CostCenter", "contoso-Certification", "employeeNumber"]);
        using var directory = new LdapDirectory(options);

        var entry = directory.FindBySmtpAddress(_casey)!;

        Assert.Equal("CC-4711", entry.GetValue("contoso-CostCenter"));
        Assert.Equal(["CISSP", "CCNP"], entry.GetValues("contoso-Certification"));
        Assert.Equal("4711", entry.GetValue("employeeNumber"));
        Assert.Equal("Megan Bowen", entry.Manager!.GetValue("displayName"));
    }

    [Fact]
    public void FindBySmtpAddress_UndeclaredAttributes_AreNotRequested()
    {
        using var directory = new LdapDirectory(LdapDirectoryTests.Options(_server.Slapd.Port));

        var entry = directory.FindBySmtpAddress(_casey)!;

        Assert.Equal("Casey Jensen", entry.GetValue("displayName"));
        Assert.Null(entry.GetValue("contoso-CostCenter"));
        Assert.Null(entry.GetValue("employeeNumber"));
    }

    [Fact]
    public void FindBySmtpAddress_DeclaredAttributeTheServerDoesNotKnow_IsEmptyAndTheLookupStillWorks()
    {
        using var directory = new LdapDirectory(LdapDirectoryTests.Options(_server.Slapd.Port).WithAdditionalAttributes(["contoso-NoSuchAttribute"]));

        var entry = directory.FindBySmtpAddress(_casey)!;

        Assert.Equal("Casey Jensen", entry.GetValue("displayName"));
        Assert.Null(entry.GetValue("contoso-NoSuchAttribute"));
    }

    [Fact]
    public void WithAdditionalAttributes_KeepsTheOriginalOptionsAndAddsEachNameOnce()
    {
        var original = LdapDirectoryTests.Options(389);

        var extended = original.WithAdditionalAttributes(["contoso-CostCenter", "OTHERMOBILE"]);

        Assert.Equal(["otherMobile"], original.AdditionalAttributes);
        Assert.Equal(["otherMobile", "contoso-CostCenter"], extended.AdditionalAttributes);
        Assert.Equal(original.Server, extended.Server);
        Assert.Equal(original.Password, extended.Password);
    }

    /// <summary>The sample organisation on slapd with the Contoso extension schema and one user carrying it.</summary>
    public sealed class ExtendedSchemaServer : IDisposable
    {
        public ExtendedSchemaServer()
        {
            Slapd = new SlapdServer(
                Path.Combine(AppContext.BaseDirectory, "TestData", "contoso-extension.schema"),
                Path.Combine(AppContext.BaseDirectory, "TestData", "contoso-extension.ldif"));
        }

        internal SlapdServer Slapd { get; }

        public void Dispose() => Slapd.Dispose();
    }
}
