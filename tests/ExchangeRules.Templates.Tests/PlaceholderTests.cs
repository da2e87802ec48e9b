using System.Collections.Generic;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using Xunit;

namespace ExchangeRules.Templates.Tests;

public class PlaceholderTests
{
    public static TheoryData<string, string> SenderFields => new()
    {
        { "displayName", "Megan Bowen" },
        { "firstName", "Megan" },
        { "lastName", "Bowen" },
        { "initials", "MB" },
        { "title", "Chief Executive Officer" },
        { "department", "Executive" },
        { "company", "Contoso Ltd." },
        { "office", "Seattle HQ" },
        { "phone", "+1 425 555 0100" },
        { "otherPhone", "+1 425 555 0104" },
        { "mobile", "+1 425 555 0101" },
        { "fax", "+1 425 555 0199" },
        { "otherFax", "+1 425 555 0198" },
        { "homePhone", "+1 425 555 0102" },
        { "otherHomePhone", "+1 425 555 0105" },
        { "pager", "+1 425 555 0103" },
        { "street", "1 Microsoft Way" },
        { "poBox", "PO Box 100" },
        { "city", "Redmond" },
        { "state", "WA" },
        { "postalCode", "98052" },
        { "country", "United States" },
        { "website", "https://www.contoso.com" },
        { "upn", "megan.bowen@contoso.com" },
        { "logonName", "meganb" },
        { "notes", "Board meetings on Mondays." },
        { "email", "megan.bowen@contoso.com" },
        { "customAttribute1", "Megan ext 1" },
        { "customAttribute15", "Megan ext 15" },
        { "telephoneNumber", "+1 425 555 0100" },
        { "physicalDeliveryOfficeName", "Seattle HQ" },
        { "extensionAttribute9", "Megan ext 9" },
        { "wWWHomePage", "https://www.contoso.com" },
    };

    public static TheoryData<string, string> ExchangeTokens => new()
    {
        { "City", "Redmond" },
        { "Company", "Contoso Ltd." },
        { "CountryOrRegion", "United States" },
        { "Department", "Executive" },
        { "DisplayName", "Megan Bowen" },
        { "Fax", "+1 425 555 0199" },
        { "FirstName", "Megan" },
        { "HomePhone", "+1 425 555 0102" },
        { "Initials", "MB" },
        { "LastName", "Bowen" },
        { "MobilePhone", "+1 425 555 0101" },
        { "Notes", "Board meetings on Mondays." },
        { "Office", "Seattle HQ" },
        { "Pager", "+1 425 555 0103" },
        { "Phone", "+1 425 555 0100" },
        { "PostalCode", "98052" },
        { "PostOfficeBox", "PO Box 100" },
        { "StateOrProvince", "WA" },
        { "StreetAddress", "1 Microsoft Way" },
        { "Title", "Chief Executive Officer" },
        { "UserPrincipalName", "megan.bowen@contoso.com" },
        { "WindowsEmailAddress", "megan.bowen@contoso.com" },
        { "PhoneNumber", "+1 425 555 0100" },
        { "OtherPhoneNumber", "+1 425 555 0104" },
        { "Email", "megan.bowen@contoso.com" },
        { "Street", "1 Microsoft Way" },
        { "POBox", "PO Box 100" },
        { "State", "WA" },
        { "ZipCode", "98052" },
        { "Country", "United States" },
        { "HomePhoneNumber", "+1 425 555 0102" },
        { "OtherHomePhoneNumber", "+1 425 555 0105" },
        { "PagerNumber", "+1 425 555 0103" },
        { "MobileNumber", "+1 425 555 0101" },
        { "FaxNumber", "+1 425 555 0199" },
        { "OtherFaxNumber", "+1 425 555 0198" },
        { "UserLogonName", "megan.bowen@contoso.com" },
        { "CustomAttribute1", "Megan ext 1" },
        { "CustomAttribute7", "Megan ext 7" },
        { "CustomAttribute15", "Megan ext 15" },
    };

    [Theory]
    [MemberData(nameof(SenderFields))]
    public void Render_SenderPlaceholder_WritesTheDirectoryValue(string field, string expected)
    {
        var output = SampleOrganization.Render("[{{ sender." + field + " }}]", "megan.bowen@contoso.com", TemplateFormat.Text);

        Assert.Equal("[" + expected + "]", output);
    }

    [Theory]
    [MemberData(nameof(ExchangeTokens))]
    public void Render_ExchangeToken_IsAnAliasOfThePlaceholder(string token, string expected)
    {
        var output = SampleOrganization.Render("[%%" + token + "%%]", "megan.bowen@contoso.com", TemplateFormat.Text);

        Assert.Equal("[" + expected + "]", output);
    }

    [Fact]
    public void Render_ManagerToken_IsTheManagersDisplayName()
    {
        Assert.Equal("Reports to Megan Bowen", SampleOrganization.Render("Reports to %%Manager%%", "adele.vance@contoso.com", TemplateFormat.Text));
    }

    [Fact]
    public void Render_ManagerPlaceholders_ReadTheManagersEntry()
    {
        var output = SampleOrganization.Render(
            "{{ manager.displayName }}|{{ manager.title }}|{{ sender.manager.phone }}", "adele.vance@contoso.com", TemplateFormat.Text);

        Assert.Equal("Megan Bowen|Chief Executive Officer|+1 425 555 0100", output);
    }

    [Fact]
    public void Render_OnBehalfOf_ReadsTheMailboxSentFor()
    {
        var model = SampleOrganization.Model("adele.vance@contoso.com", onBehalfOf: SampleOrganization.Entry("megan.bowen@contoso.com"));
        var template = new FluidTemplateCompiler().Compile(
            "{{ sender.displayName }} on behalf of {{ onBehalfOf.displayName }} ({{ mailbox.title }})", TemplateFormat.Text, "t");

        Assert.Equal("Adele Vance on behalf of Megan Bowen (Chief Executive Officer)", template.Render(model));
    }

    [Fact]
    public void Render_MessageRuleAndDate_AreAvailable()
    {
        var output = SampleOrganization.Render(
            "{{ message.subject }}|{{ rule }}|{{ now | date: '%Y-%m-%d' }}", "megan.bowen@contoso.com", TemplateFormat.Text);

        Assert.Equal("Quarterly <numbers>|Signature|2026-11-27", output);
    }

    [Fact]
    public void Render_SenderNotInDirectory_FallsBackToTheHeaderNameAndAddress()
    {
        var model = new TemplateModel { SenderAddress = "guest@contoso.com", SenderDisplayName = "Guest User" };
        var output = new FluidTemplateCompiler().Compile("{{ sender.displayName }} <{{ sender.email }}>", TemplateFormat.Text, "t").Render(model);

        Assert.Equal("Guest User <guest@contoso.com>", output);
    }

    [Fact]
    public void Render_AttributeNames_AreCaseInsensitive()
    {
        Assert.Equal("Megan|Megan|Megan", SampleOrganization.Render("{{ sender.FirstName }}|{{ sender.GIVENNAME }}|{{ sender['firstname'] }}", "megan.bowen@contoso.com", TemplateFormat.Text));
    }

    [Fact]
    public void Render_PersonOnItsOwn_IsTheDisplayName()
    {
        Assert.Equal("Megan Bowen", SampleOrganization.Render("{{ sender }}", "megan.bowen@contoso.com", TemplateFormat.Text));
    }

    [Fact]
    public void Render_ExchangeTokens_AreCaseInsensitive()
    {
        Assert.Equal("Megan|Megan", SampleOrganization.Render("%%firstname%%|%%FIRSTNAME%%", "megan.bowen@contoso.com", TemplateFormat.Text));
    }

    [Fact]
    public void Render_UnicodeValues_AreKeptIntact()
    {
        var output = SampleOrganization.Render("{{ sender.displayName }}, {{ sender.title }}, {{ sender.city }}", "joerg.mueller@contoso.com");

        Assert.Equal("Jörg Müller (Forschung), Leitender Ingenieur – 研究開発, München", output);
    }

    [Fact]
    public void Render_DeclaredCustomAttribute_IsReachableByItsLdapName()
    {
        var entry = new DirectoryEntry(
            "CN=X,DC=contoso,DC=com",
            new Dictionary<string, IReadOnlyList<string>> { ["msDS-CostCenter"] = new List<string> { "CC-42" } });
        var model = new TemplateModel { Sender = entry };

        var compiler = new FluidTemplateCompiler(new TemplateCompilerOptions { CustomFields = [new CustomDirectoryField("costCenter", "msDS-CostCenter")] });

        Assert.Equal("CC-42", compiler.Compile("{{ sender['msDS-CostCenter'] }}", TemplateFormat.Text, "t").Render(model));
    }

    [Fact]
    public void Compile_UnknownExchangeToken_FailsWithItsLocation()
    {
        var error = Assert.Throws<TemplateCompileException>(() =>
            new FluidTemplateCompiler().Compile("Hello\n  %%NoSuchToken%%", TemplateFormat.Html, "sig.html"));

        Assert.Equal(2, error.Line);
        Assert.Equal(3, error.Column);
        Assert.StartsWith("sig.html:2:3:", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_InvalidLiquid_FailsWithALocatedError()
    {
        var error = Assert.Throws<TemplateCompileException>(() =>
            new FluidTemplateCompiler().Compile("line one\n{% if sender.title %}no end", TemplateFormat.Html, "sig.html"));

        Assert.Equal("sig.html", error.SourceName);
        Assert.Contains("sig.html:", error.Message, System.StringComparison.Ordinal);
    }
}
