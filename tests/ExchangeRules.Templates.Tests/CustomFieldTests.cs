using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using Xunit;

namespace ExchangeRules.Templates.Tests;

/// <summary>Directory attributes the agent configuration declares: known to validation, rendered from their LDAP attribute.</summary>
public class CustomFieldTests
{
    private static readonly FluidTemplateCompiler _compiler = new(new TemplateCompilerOptions
    {
        CustomFields =
        [
            new CustomDirectoryField("costCenter", "contoso-CostCenter"),
            new CustomDirectoryField("certifications", "contoso-Certification", multiValued: true),
        ],
    });

    private static DirectoryEntry Entry(string dn, Dictionary<string, IReadOnlyList<string>> attributes, DirectoryEntry? manager = null) =>
        new(dn, attributes, photo: null, manager);

    private static readonly DirectoryEntry _manager = Entry("CN=Boss,DC=contoso,DC=com", new()
    {
        ["displayName"] = ["Boss"],
        ["contoso-CostCenter"] = ["CC-1"],
    });

    private static readonly DirectoryEntry _sender = Entry(
        "CN=Megan,DC=contoso,DC=com",
        new()
        {
            ["displayName"] = ["Megan Bowen"],
            ["contoso-CostCenter"] = ["CC-4711", "CC-second"],
            ["contoso-Certification"] = ["CISSP", " ", "CCNP"],
        },
        _manager);

    [Fact]
    public void Render_DeclaredField_ShowsTheFirstValueOfItsLdapAttribute()
    {
        var template = _compiler.Compile("{{ sender.displayName }}, cost centre {{ sender.costCenter }}", TemplateFormat.Text, "sig.txt");

        Assert.Equal("Megan Bowen, cost centre CC-4711", template.Render(new TemplateModel { Sender = _sender }));
    }

    [Fact]
    public void Render_MultiValuedField_IsAListOfTheNonEmptyValues()
    {
        var template = _compiler.Compile("{{ sender.certifications | join: ', ' }} ({{ sender.certifications.size }})", TemplateFormat.Text, "sig.txt");

        Assert.Equal("CISSP, CCNP (2)", template.Render(new TemplateModel { Sender = _sender }));
    }

    [Fact]
    public void Render_DeclaredFieldOfTheManager_ReadsTheManagersEntry()
    {
        var template = _compiler.Compile("{{ manager.costCenter }}/{{ sender.manager.costCenter }}", TemplateFormat.Text, "sig.txt");

        Assert.Equal("CC-1/CC-1", template.Render(new TemplateModel { Sender = _sender }));
    }

    [Fact]
    public void Render_DeclaredFieldWithoutValue_DropsItsLineLikeABuiltInField()
    {
        var entry = Entry("CN=X,DC=contoso,DC=com", new() { ["displayName"] = ["X"] });
        var template = _compiler.Compile("<p>{{ sender.displayName }}</p>\n<p>Cost centre {{ sender.costCenter }}</p>\n", TemplateFormat.Html, "sig.html");

        Assert.DoesNotContain("Cost centre", template.Render(new TemplateModel { Sender = entry }), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_TypoOfADeclaredField_SuggestsTheDeclaredName()
    {
        var error = Assert.Throws<TemplateCompileException>(() =>
            _compiler.Compile("<p>{{ sender.displayName }}</p>\n<p>{{ sender.costCentre }}</p>", TemplateFormat.Html, "sig.html"));

        Assert.Equal(2, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Contains("unknown field 'sender.costCentre' (did you mean 'costCenter'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DeclaredFieldWithoutTheDeclaration_IsAnErrorNamingTheConfiguration()
    {
        var error = Assert.Throws<TemplateCompileException>(() =>
            new FluidTemplateCompiler().Compile("{{ sender.costCenter }}", TemplateFormat.Text, "sig.txt"));

        Assert.Contains("unknown field 'sender.costCenter'", error.Message, StringComparison.Ordinal);
        Assert.Contains("<directory><attribute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_TwoCompilersWithDifferentDeclarations_RenderTheSameEntryEachWithItsOwnFields()
    {
        var other = new FluidTemplateCompiler(new TemplateCompilerOptions { CustomFields = [new CustomDirectoryField("costCenter", "contoso-Certification")] });

        Assert.Equal("CC-4711", _compiler.Compile("{{ sender.costCenter }}", TemplateFormat.Text, "a").Render(new TemplateModel { Sender = _sender }));
        Assert.Equal("CISSP", other.Compile("{{ sender.costCenter }}", TemplateFormat.Text, "b").Render(new TemplateModel { Sender = _sender }));
    }

    [Theory]
    [InlineData("costCenter", null)]
    [InlineData("cost_center2", null)]
    [InlineData("title", "already a built-in field")]
    [InlineData("Phone", "already a built-in field")]
    [InlineData("extensionAttribute5", "already a built-in field")]
    [InlineData("photo", "already a built-in field")]
    [InlineData("cost-center", "not a template field name")]
    [InlineData("2ndPhone", "not a template field name")]
    [InlineData("", "a field name is required")]
    public void Problem_FieldName_IsRefusedWhenItClashesOrCannotBeWritten(string name, string? expected)
    {
        var problem = TemplateFieldNames.Problem(name);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }
}
