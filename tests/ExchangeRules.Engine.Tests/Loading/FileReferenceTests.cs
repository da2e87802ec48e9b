using System;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Loading;

/// <summary>
/// File references Windows cannot open: .NET Framework's path APIs throw for them (on the reload timer's thread that
/// would end Transport), .NET on Linux accepts them; the loader rejects them the same way everywhere, located.
/// </summary>
public sealed class FileReferenceTests
{
    [Theory]
    [InlineData("sig|v2.html", "'|'")]
    [InlineData("sig<v2>.html", "'<'")]
    [InlineData("\"sig\".html", "'\"'")]
    [InlineData("sig.html:stream", "':'")]
    [InlineData("templates/a:b.html", "':'")]
    [InlineData("sig?.html", "'?'")]
    [InlineData("C:sig.html", "names a drive")]
    public void Validate_FileNameWindowsRejects_IsALocatedError(string reference, string expected)
    {
        using var folder = new RuleFolder().WriteRules(Rules(reference));

        var error = Assert.Single(RuleSetLoader.Validate(folder.RulesPath, folder.Compiler));

        Assert.Contains("is not a valid file name on Windows", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0 && error.Column > 0, error.ToString());
    }

    [Fact]
    public void Validate_MissingTemplateFile_IsALocatedErrorNamingTheFile()
    {
        using var folder = new RuleFolder().WriteRules(Rules("templates/later.html"));

        var error = Assert.Single(RuleSetLoader.Validate(folder.RulesPath, folder.Compiler));

        Assert.Contains("'templates/later.html' was not found", error.Message, StringComparison.Ordinal);
    }

    internal static string Rules(string htmlFile) =>
        RuleFolder.Document(
            "<rule name=\"A\"><actions><addSignature template=\"late\"/></actions></rule>",
            $"<template name=\"late\"><html file=\"{System.Security.SecurityElement.Escape(htmlFile)}\"/><text><![CDATA[-- late]]></text></template>");
}
