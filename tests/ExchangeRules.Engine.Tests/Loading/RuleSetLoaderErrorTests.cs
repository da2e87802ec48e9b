using System;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Loading;

/// <summary>Broken rule files: every error is reported at once, each with its location.</summary>
public sealed class RuleSetLoaderErrorTests
{
    private static string Broken(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "rules", "broken", name);

    [Theory]
    [InlineData(6, "file 'templates/missing.txt' was not found")]
    [InlineData(11, "invalid regular expression '([unclosed'")]
    [InlineData(12, "regular expression timeout 0 ms is not bounded")]
    [InlineData(13, "conflicting options: quantifier 'each'")]
    [InlineData(16, "unknown template 'nosuch'")]
    [InlineData(19, "duplicate rule name 'dup' (first defined on line 9)")]
    [InlineData(21, "invalid child element 'colourIs'")]
    [InlineData(24, "conflicting options: deleteMessage cannot be combined")]
    [InlineData(26, "file '../outside.pdf' is outside the rules folder")]
    [InlineData(29, "unknown time zone 'Mars/Olympus_Mons'")]
    [InlineData(29, "conflicting options: the schedule ends before it starts")]
    public void Validate_FileWithManyErrors_ReportsEachWithItsLine(int line, string message)
    {
        var errors = RuleSetLoader.Validate(Broken("many-errors.xml"), new FakeTemplateCompiler());

        Assert.Contains(errors, error => error.Line == line && error.Column > 0 && error.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FileWithManyErrors_ReportsAllElevenInDocumentOrder()
    {
        var errors = RuleSetLoader.Validate(Broken("many-errors.xml"), new FakeTemplateCompiler());

        Assert.Equal(11, errors.Count);
        Assert.Equal(errors.OrderBy(error => error.Line).ThenBy(error => error.Column).Select(error => error.ToString()), errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Load_InvalidFile_ThrowsConfigurationExceptionCarryingEveryError()
    {
        var path = Broken("many-errors.xml");

        var exception = Assert.Throws<RuleConfigurationException>(() => RuleSetLoader.Load(path, new FakeTemplateCompiler()));

        Assert.Equal(11, exception.Errors.Count);
        Assert.Equal(path, exception.RulesPath);
        Assert.Contains(path + ":11:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleError_ToString_IsPathLineColumnMessage()
    {
        var error = new RuleError("C:\\rules\\rules.xml", 12, 7, "something is wrong");

        Assert.Equal("C:\\rules\\rules.xml:12:7: something is wrong", error.ToString());
    }

    [Fact]
    public void Validate_NotWellFormed_ReportsTheParserLocation()
    {
        var error = Assert.Single(RuleSetLoader.Validate(Broken("not-well-formed.xml"), new FakeTemplateCompiler()));

        Assert.Equal(6, error.Line);
        Assert.Contains("not well-formed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongNamespace_SaysWhichRootIsExpected()
    {
        var error = Assert.Single(RuleSetLoader.Validate(Broken("wrong-namespace.xml"), new FakeTemplateCompiler()));

        Assert.Equal((2, 2), (error.Line, error.Column));
        Assert.Contains("urn:exchangerules:rules:v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("urn:example:other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingNamespaceOnAFullRulesFile_IsOneErrorAtTheRootElement()
    {
        var error = Assert.Single(RuleSetLoader.Validate(Broken("missing-namespace.xml"), new FakeTemplateCompiler()));

        Assert.Equal((3, 2), (error.Line, error.Column));
        Assert.Contains("without a namespace", error.Message, StringComparison.Ordinal);
        Assert.Contains("set xmlns=\"urn:exchangerules:rules:v1\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TemplateCompileErrors_PointIntoTheTemplateFileAndTheInlineCdata()
    {
        var rules = Broken(Path.Combine("template-error", "rules.xml"));

        var errors = RuleSetLoader.Validate(rules, new FakeTemplateCompiler());

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, error => error.Path == Path.GetFullPath(Broken(Path.Combine("template-error", "sig.html"))) && error.Line == 3 && error.Column == 3);
        Assert.Contains(errors, error => error.Path == rules && error.Line == 8 && error.Message.Contains("template 'sig' text", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingRulesFile_ReportsItCannotBeRead()
    {
        var error = Assert.Single(RuleSetLoader.Validate(Broken("does-not-exist.xml"), null));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithoutTemplateCompiler_StillChecksTemplateFilesExist()
    {
        var errors = RuleSetLoader.Validate(Broken("many-errors.xml"), null);

        Assert.Contains(errors, error => error.Message.Contains("templates/missing.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ImageOverTheLimit_IsRejectedWithItsSize()
    {
        using var folder = new RuleFolder()
            .WriteBytes("logo.png", new byte[2048])
            .WriteRules(RuleFolder.Document("<rule name=\"A\"><actions><addSignature template=\"sig\"/></actions></rule>").Replace("</template>", "<image contentId=\"logo\" file=\"logo.png\"/></template>", StringComparison.Ordinal));

        var exception = Assert.Throws<RuleConfigurationException>(() => folder.Load(new RuleLoadOptions { MaxImageBytes = 1024 }));

        Assert.Contains("2048 bytes, more than the limit of 1024", Assert.Single(exception.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RootRegexTimeoutUnbounded_IsRejected()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule("<subjectMatches><value>a</value></subjectMatches>").Replace("<rules ", "<rules regexTimeoutMilliseconds=\"60000\" ", StringComparison.Ordinal));

        var exception = Assert.Throws<RuleConfigurationException>(() => folder.Load());

        Assert.Contains("not bounded", Assert.Single(exception.Errors).Message, StringComparison.Ordinal);
    }
}
