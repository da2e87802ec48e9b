using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Tests.Hosting;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary>
/// The charset matrix through the real <c>exrules</c> host in its own process: only its entry point can have
/// registered the legacy code pages there (this test host's module initializer does not reach a child process), so a
/// pass proves the CLI registers them, and that its preview tells the truth about legacy-charset mail.
/// </summary>
public sealed class ApplyCharsetMatrixTests : IDisposable
{
    /// <summary>Charsets .NET 10 cannot decode (UTF-7 is refused since .NET 5): such parts pass byte-identical.</summary>
    private static readonly string[] _undecodable = { "utf-7" };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-charsets-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ExrulesApply_InItsOwnProcess_StampsEveryCharsetWithoutDamageAndNeverTwice()
    {
        var input = Path.Combine(_folder, "in");
        var cases = CharsetMatrix.WriteAll(input);
        var rules = Path.Combine(_folder, "rules.xml");
        File.WriteAllText(rules, CharsetMatrix.RulesXml);
        var first = Path.Combine(_folder, "first");

        var output = Exrules(new[] { "apply", "--rules", rules, "--origin", "authenticated", "--out", first }.Concat(cases.Select(c => Path.Combine(input, c.FileName))));

        var problems = new List<string>();
        foreach (var matrixCase in cases)
        {
            var original = File.ReadAllBytes(Path.Combine(input, matrixCase.FileName));
            var stamped = File.ReadAllBytes(Path.Combine(first, matrixCase.FileName));
            if (_undecodable.Contains(matrixCase.Charset))
            {
                if (!original.AsSpan().SequenceEqual(stamped))
                {
                    problems.Add($"{matrixCase.Name}: a charset this runtime cannot decode was changed");
                }

                continue;
            }

            if (CharsetMatrix.Problem(matrixCase, stamped) is { } problem)
            {
                problems.Add($"{matrixCase.Name}: {problem}");
            }
        }

        Assert.Contains("left byte-identical because its charset 'utf-7' is not available in this runtime", output, StringComparison.Ordinal);
        Assert.True(problems.Count == 0, $"{problems.Count} of {cases.Count} cases failed:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        // Second pass without the stamp header (lost on the way, or a client re-sent the text): the body alone must tell.
        var again = Path.Combine(_folder, "again");
        System.IO.Directory.CreateDirectory(again);
        foreach (var matrixCase in cases)
        {
            File.WriteAllBytes(Path.Combine(again, matrixCase.FileName), WithoutStampHeader(File.ReadAllBytes(Path.Combine(first, matrixCase.FileName))));
        }

        var second = Path.Combine(_folder, "second");
        Exrules(new[] { "apply", "--rules", rules, "--origin", "authenticated", "--out", second }.Concat(cases.Select(c => Path.Combine(again, c.FileName))));
        var stampedTwice = cases.Where(c => !File.ReadAllBytes(Path.Combine(again, c.FileName)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, c.FileName))))
            .Select(c => c.Name).ToList();
        Assert.True(stampedTwice.Count == 0, "changed on the second pass: " + string.Join(", ", stampedTwice));
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    private static byte[] WithoutStampHeader(byte[] message)
    {
        var text = Encoding.Latin1.GetString(message);
        var start = text.IndexOf("X-ExchangeRules-Stamped:", StringComparison.Ordinal);
        return start < 0 ? message : Encoding.Latin1.GetBytes(text.Remove(start, text.IndexOf("\r\n", start, StringComparison.Ordinal) + 2 - start));
    }

    /// <summary>Runs <c>dotnet exrules.dll ARGS</c> from this test's output folder; returns standard output.</summary>
    private static string Exrules(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "exrules.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(180_000), "exrules did not finish within 180 s");
        Assert.True(process.ExitCode == 0, $"exrules exited with {process.ExitCode}: {error.Result}");
        return output;
    }
}
