using System;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using Xunit;

namespace ExchangeRules.Templates.Tests;

/// <summary>Template mistakes are compile errors at the admin's own line and column.</summary>
public class ValidationTests
{
    [Fact]
    public void Compile_MisspelledSenderField_IsAnErrorAtTheFieldWithASuggestion()
    {
        var error = Assert.Throws<TemplateCompileException>(() =>
            new FluidTemplateCompiler().Compile("<p>{{ sender.displayName }}</p>\n<p>{{ sender.titel }}</p>", TemplateFormat.Html, "sig.html"));

        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.StartsWith("sig.html:2:7: unknown field 'sender.titel'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'title'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% if manager.departmnet %}x{% endif %}", "manager.departmnet")]
    [InlineData("{{ sender.manager.phne }}", "sender.manager.phne")]
    [InlineData("{{ onBehalfOf.costCenter }}", "onBehalfOf.costCenter")]
    [InlineData("{{ message.subjet }}", "message.subjet")]
    public void Compile_UnknownFieldAnywhere_IsAnError(string template, string path)
    {
        var error = Assert.Throws<TemplateCompileException>(() => new FluidTemplateCompiler().Compile(template, TemplateFormat.Text, "t.txt"));

        Assert.Contains("unknown field '" + path + "'", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, template.IndexOf(path.Split('.')[0], StringComparison.Ordinal) + 1), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("{{ sender.title }} {{ sender.telephoneNumber }} {{ sender.customAttribute3 }} {{ sender.extensionAttribute3 }}")]
    [InlineData("{{ sender.manager.displayName }} {{ manager.photo }} {{ onBehalfOf.distinguishedName }} {{ message.subject }}")]
    [InlineData("{{ sender.displayName.size }} {{ rule }} {{ now | date: '%Y' }}")]
    [InlineData("{% assign p = sender %}{{ p.anything }}")]
    public void Compile_KnownFields_Compile(string template)
    {
        Assert.NotNull(new FluidTemplateCompiler().Compile(template, TemplateFormat.Text, "t.txt"));
    }

    [Fact]
    public void Compile_DeclaredAdditionalAttribute_IsKnown()
    {
        var compiler = new FluidTemplateCompiler(new TemplateCompilerOptions { CustomFields = [new CustomDirectoryField("employeeID", "employeeID")] });

        Assert.NotNull(compiler.Compile("{{ sender.employeeID }}", TemplateFormat.Text, "t.txt"));
        var error = Assert.Throws<TemplateCompileException>(() => new FluidTemplateCompiler().Compile("{{ sender.employeeID }}", TemplateFormat.Text, "t.txt"));
        Assert.Contains("write sender['employeeID']", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hi\n{{ sender.titel }}", 2, 4, "unknown field 'sender.titel' (did you mean 'title'?)")]
    [InlineData("Hi\n%%Titel%%", 2, 1, "unknown Exchange token '%%Titel%%'")]
    public void Compile_Error_GivesTheLocationOnceAndTheReasonWithoutIt(string template, int line, int column, string reason)
    {
        var error = Assert.Throws<TemplateCompileException>(() => new FluidTemplateCompiler().Compile(template, TemplateFormat.Text, "t.txt"));

        // The rules loader reports the location itself (RuleError), so Reason must not carry it again.
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("t.txt", error.Reason, StringComparison.Ordinal);
        Assert.Equal($"t.txt:{line}:{column}: {error.Reason}", error.Message);
    }

    [Fact]
    public void Compile_BracketFormAttribute_IsAnAttributeOutsideTheSchemaOnPurpose()
    {
        Assert.NotNull(new FluidTemplateCompiler().Compile("{{ sender['msDS-CostCenter'] }} {{ manager['employeeID'] }}", TemplateFormat.Text, "t.txt"));
    }

    [Fact]
    public void Compile_SyntaxErrorAfterPlaceholdersOnTheSameLine_ReportsTheAdminsColumn()
    {
        // The rewritten source inserts a placement filter into each {{ }} before the error: the column must not move.
        const string template = "<p>Hi</p>\n<p>{{ sender.displayName }} {{ sender.title }} %%Phone%% {{ sender.mobile | }}</p>";

        var error = Assert.Throws<TemplateCompileException>(() => new FluidTemplateCompiler().Compile(template, TemplateFormat.Html, "sig.html"));

        Assert.Equal(2, error.Line);
        var line = template.Split('\n')[1];
        Assert.InRange(error.Column, line.IndexOf("{{ sender.mobile", StringComparison.Ordinal) + 1, line.IndexOf("</p>", StringComparison.Ordinal) + 1);
        Assert.DoesNotContain("xr_place", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"sig.html:2:{error.Column}:", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("\n  " + line, error.Message, StringComparison.Ordinal);
    }
}
