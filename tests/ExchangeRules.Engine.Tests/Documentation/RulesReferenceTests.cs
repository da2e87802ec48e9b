using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Tests.Loading;
using Xunit;

namespace ExchangeRules.Engine.Tests.Documentation;

/// <summary>The schema is documented: in the XSD itself and in docs/rules-reference.md, with an example per element.</summary>
public sealed class RulesReferenceTests
{
    private static readonly XNamespace _xs = "http://www.w3.org/2001/XMLSchema";

    private static string EmbeddedXsd()
    {
        using var reader = new StreamReader(RuleSchema.OpenXsd());
        return reader.ReadToEnd();
    }

    public static TheoryData<string> ElementNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in RuleDocumentReader.DeclaredElementNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Schema_DeclaresTheWholeLanguage()
    {
        Assert.True(RuleDocumentReader.DeclaredElementNames().Count() >= 60);
    }

    [Fact]
    public void Schema_EveryElementDeclarationHasDocumentation()
    {
        var undocumented = XDocument.Parse(EmbeddedXsd())
            .Descendants(_xs + "element")
            .Where(element => element.Attribute("name") is not null)
            .Where(element => !element.Elements(_xs + "annotation").Elements(_xs + "documentation").Any(doc => doc.Value.Trim().Length > 0))
            .Select(element => element.Attribute("name")!.Value)
            .ToArray();

        Assert.Empty(undocumented);
    }

    [Theory]
    [MemberData(nameof(ElementNames))]
    public void Reference_DocumentsEveryElementWithAnExample(string element)
    {
        var reference = File.ReadAllText(SampleRulesTests.RepositoryFile("docs", "rules-reference.md"));
        var heading = "### `" + element + "`";

        var start = reference.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/rules-reference.md has no section '{heading}'");
        var next = reference.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        var section = next < 0 ? reference[start..] : reference[start..next];
        Assert.Matches(new Regex("```xml\\n[^`]*<" + element + "[ >/]", RegexOptions.None, TimeSpan.FromSeconds(1)), section);
    }

    [Fact]
    public void DocsSchemaCopy_IsTheEmbeddedSchema()
    {
        var copy = File.ReadAllText(SampleRulesTests.RepositoryFile("docs", "schema", "rules-v1.xsd"));

        Assert.Equal(EmbeddedXsd().ReplaceLineEndings(), copy.ReplaceLineEndings());
    }
}
