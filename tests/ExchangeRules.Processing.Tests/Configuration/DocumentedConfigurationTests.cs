using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Processing.Tests.Configuration;

/// <summary>The configuration samples admins copy from the docs and the install bundle must be valid.</summary>
public sealed class DocumentedConfigurationTests
{
    private static readonly string _root = FindRepositoryRoot();

    public static TheoryData<string, int> DocumentedSamples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, index, _) in Samples())
        {
            data.Add(file, index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentedSamples))]
    public void Sample_InTheDocs_IsValid(string file, int index)
    {
        var sample = Samples().Single(s => s.File == file && s.Index == index).Xml;

        var result = AgentConfigurationLoader.Parse(new StringReader(sample), $"{file} sample {index}", _root);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void Docs_ContainConfigurationSamples()
    {
        Assert.True(Samples().Count() >= 4);
    }

    [Fact]
    public void ShippedConfiguration_IsValid()
    {
        var result = AgentConfigurationLoader.Load(Path.Combine(_root, "install", AgentConfiguration.FileName), _root);

        Assert.True(result.Found);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.NotNull(result.Configuration.Rules);
    }

    [Fact]
    public void Troubleshooting_ListsEveryEventIdExactlyOnce()
    {
        var text = File.ReadAllText(Path.Combine(_root, "docs", "troubleshooting.md"));
        var documented = Regex.Matches(text, @"^\| (\d{4}) \|", RegexOptions.Multiline, TimeSpan.FromSeconds(1)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var defined = Enum.GetValues<LogEventId>().Select(id => (int)id).ToList();

        Assert.Equal(defined.Order(), documented.Order());
    }

    private static IEnumerable<(string File, int Index, string Xml)> Samples()
    {
        foreach (var path in System.IO.Directory.GetFiles(Path.Combine(_root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            var blocks = Regex.Matches(File.ReadAllText(path), "```xml\\r?\\n(.*?)```", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
            var index = 0;
            foreach (Match block in blocks)
            {
                var xml = block.Groups[1].Value;
                if (xml.Contains(AgentConfiguration.Namespace, StringComparison.Ordinal))
                {
                    yield return (Path.GetFileName(path), ++index, xml);
                }
            }
        }
    }

    private static string FindRepositoryRoot() => TestRepository.Root;
}
