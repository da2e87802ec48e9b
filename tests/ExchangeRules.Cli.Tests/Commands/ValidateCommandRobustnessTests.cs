using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Templates;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary>
/// <c>exrules validate</c> never crashes, whatever it is given: every run here happens on a 1 MB stack (Exchange's
/// transport threads; Linux's default 8 MB would hide a recursion), and each ends with exit code 1 and located errors.
/// </summary>
public sealed class ValidateCommandRobustnessTests : IDisposable
{
    private const string _namespace = "urn:exchangerules:rules:v1";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-cli-tests", Guid.NewGuid().ToString("N"));

    public ValidateCommandRobustnessTests()
    {
        System.IO.Directory.CreateDirectory(_folder);
    }

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int ExitCode, string Error) RunOnOneMegabyteStack(string path)
    {
        (int, string) result = default;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    using var output = new StringWriter();
                    using var error = new StringWriter();
                    var root = new RootCommand { ValidateCommand.Create(new FluidTemplateCompiler()) };
                    result = (root.Parse(new[] { "validate", path }).Invoke(new InvocationConfiguration { Output = output, Error = error }), error.ToString());
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return result;
    }

    private static string NestedNots(int depth) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rules xmlns="{_namespace}">
        <rule name="Deep"><conditions>
        {string.Concat(Enumerable.Repeat("<not>\n", depth))}<subjectContains><value>x</value></subjectContains>{string.Concat(Enumerable.Repeat("</not>", depth))}
        </conditions><actions><setHeader name="X-Deep">1</setHeader></actions></rule>
        </rules>
        """;

    [Fact]
    public void Validate_EightThousandNestedNots_ExitsOneWithTheLineAndColumnOfTheFirstGroupTooDeep()
    {
        var path = Write("deep.xml", NestedNots(8000));

        var (exitCode, error) = RunOnOneMegabyteStack(path);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        // Line 4 holds the first <not>; the 33rd is on line 36, its name at column 2.
        Assert.Contains($"{path}:36:2: <not> is nested more than 32 condition groups", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Garbage() => new()
    {
        { "empty.xml", string.Empty },
        { "binary.xml", Encoding.Latin1.GetString(Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256)).ToArray()) },
        { "deep-unknown.xml", $"<rules xmlns=\"{_namespace}\">" + string.Concat(Enumerable.Repeat("<x>", 50000)) + string.Concat(Enumerable.Repeat("</x>", 50000)) + "</rules>" },
        { "deep-foreign.xml", string.Concat(Enumerable.Repeat("<x>", 50000)) + string.Concat(Enumerable.Repeat("</x>", 50000)) },
        { "unclosed.xml", $"<rules xmlns=\"{_namespace}\"><rule name=\"A\"><conditions>" + string.Concat(Enumerable.Repeat("<any>", 10000)) },
        { "bad-file.xml", $"<rules xmlns=\"{_namespace}\"><templates><template name=\"t\"><html file=\"a|b:c&lt;d&gt;.html\"/><text>x</text></template></templates><rule name=\"A\"><actions><addSignature template=\"t\"/></actions></rule></rules>" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Validate_Garbage_ExitsOneWithErrorsAndNeverCrashes(string name, string content)
    {
        var path = Write(name, content);

        var (exitCode, error) = RunOnOneMegabyteStack(path);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.StartsWith(path + ":", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AFolderInsteadOfAFile_ExitsOneWithAnError()
    {
        var (exitCode, error) = RunOnOneMegabyteStack(_folder);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.Contains("cannot be read", error, StringComparison.Ordinal);
    }
}
