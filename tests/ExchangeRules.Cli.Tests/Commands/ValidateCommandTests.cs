using System;
using System.CommandLine;
using System.IO;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Templates;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary><c>exrules validate</c>: exit codes and located errors.</summary>
public sealed class ValidateCommandTests
{
    private static string TestFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "rules", name);

    /// <summary>The repository's samples/rules/rules.xml, found by walking up from the test output folder.</summary>
    private static string SampleRules() => Path.Combine(TestRepository.Root, "samples", "rules", "rules.xml");

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { ValidateCommand.Create(new FluidTemplateCompiler()) };

        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });

        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Validate_SampleRules_ExitsZero()
    {
        var sample = SampleRules();

        var (exitCode, output, error) = Run("validate", sample);

        Assert.Equal(0, exitCode);
        Assert.Equal(sample + ": valid" + Environment.NewLine, output);
        Assert.Empty(error);
    }

    [Fact]
    public void Validate_InvalidFile_PrintsEveryErrorWithLocationAndExitsOne()
    {
        var path = TestFile("invalid.xml");

        var (exitCode, _, error) = Run("validate", path);

        Assert.Equal(1, exitCode);
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith(path + ":5:", lines[0], StringComparison.Ordinal);
        Assert.Contains("invalid regular expression '(unclosed'", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(path + ":9:", lines[1], StringComparison.Ordinal);
        Assert.Contains("duplicate rule name 'Tag'", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(path + ":10:", lines[2], StringComparison.Ordinal);
        Assert.Contains("unknown template 'missing'", lines[2], StringComparison.Ordinal);
        Assert.Equal(path + ": 3 error(s)", lines[3]);
    }

    [Fact]
    public void Validate_OneGoodOneBad_ExitsOneButReportsBoth()
    {
        var (exitCode, output, error) = Run("validate", SampleRules(), TestFile("invalid.xml"));

        Assert.Equal(1, exitCode);
        Assert.Contains(": valid", output, StringComparison.Ordinal);
        Assert.Contains("3 error(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_SaysItCannotBeReadAndExitsOne()
    {
        var (exitCode, _, error) = Run("validate", TestFile("nope.xml"));

        Assert.Equal(1, exitCode);
        Assert.Contains(":0:0: the rules file cannot be read", error, StringComparison.Ordinal);
    }
}
