using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace ExchangeRules.Agent.Tests;

/// <summary>
/// Issue #19's charset matrix through the shipped net48 agent under Mono (tests/ExchangeRules.Agent.MonoSmoke): the
/// same 40 charsets × 8bit/quoted-printable/base64 × text/plain and text/html as the CLI's test, one Mono process for
/// all of them. Mono's encodings come from its I18N assemblies, not from Windows: a charset Mono cannot decode must
/// pass byte-identical (the agent's log says why) — the ones that do are listed below.
/// </summary>
public sealed class MonoCharsetMatrixTests : IDisposable
{
    /// <summary>Charsets Mono's I18N assemblies do not provide (found by this test); .NET Framework on Windows has them all.</summary>
    private static readonly string[] _undecodableOnMono = Array.Empty<string>();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-mono-charsets-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public MonoCharsetMatrixTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Net48Agent_UnderMono_StampsEveryCharsetWithoutDamage()
    {
        var input = Path.Combine(_folder, "in");
        var cases = CharsetMatrix.WriteAll(input);
        var rules = Path.Combine(_folder, "rules.xml");
        File.WriteAllText(rules, CharsetMatrix.RulesXml);

        var (output, outFolder) = MonoSmokeTests.RunHost("onprem", CharsetMatrix.Sender, CharsetMatrix.Recipient, input, rules);

        Assert.Contains("runtime\tMono", output, StringComparison.Ordinal);
        var problems = new List<string>();
        foreach (var matrixCase in cases)
        {
            var delivered = Path.Combine(outFolder, matrixCase.FileName);
            if (!File.Exists(delivered))
            {
                problems.Add($"{matrixCase.Name}: not delivered");
                continue;
            }

            var stamped = File.ReadAllBytes(delivered);
            _output.WriteLine($"{matrixCase.Name}\t{CharsetMatrix.DeclaredCharset(stamped)}");
            if (_undecodableOnMono.Contains(matrixCase.Charset))
            {
                continue;
            }

            if (CharsetMatrix.Problem(matrixCase, stamped) is { } problem)
            {
                problems.Add($"{matrixCase.Name}: {problem}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {cases.Count} cases failed:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        // Second crossing with the agent's headers gone (another organisation, a client re-sending the text): the
        // stamp in the legacy-charset body itself must be recognised.
        var again = Path.Combine(_folder, "again");
        System.IO.Directory.CreateDirectory(again);
        foreach (var matrixCase in cases)
        {
            File.WriteAllBytes(Path.Combine(again, matrixCase.FileName), WithoutAgentHeaders(File.ReadAllBytes(Path.Combine(outFolder, matrixCase.FileName))));
        }

        var (_, secondFolder) = MonoSmokeTests.RunHost("onprem", CharsetMatrix.Sender, CharsetMatrix.Recipient, again, rules);
        var twice = cases.Where(c => !_undecodableOnMono.Contains(c.Charset))
            .Select(c => (c.Name, Problem: CharsetMatrix.Problem(c, File.ReadAllBytes(Path.Combine(secondFolder, c.FileName)))))
            .Where(c => c.Problem is not null).Select(c => $"{c.Name}: {c.Problem}").ToList();
        Assert.True(twice.Count == 0, "stamped again or damaged on the second crossing:" + Environment.NewLine + string.Join(Environment.NewLine, twice));
    }

    private static byte[] WithoutAgentHeaders(byte[] message)
    {
        var text = System.Text.Encoding.Latin1.GetString(message);
        foreach (var name in new[] { "X-ExchangeRules-Stamped:", "X-ExchangeRules-Processed:" })
        {
            for (var start = text.IndexOf(name, StringComparison.Ordinal); start >= 0; start = text.IndexOf(name, StringComparison.Ordinal))
            {
                text = text.Remove(start, text.IndexOf("\r\n", start, StringComparison.Ordinal) + 2 - start);
            }
        }

        return System.Text.Encoding.Latin1.GetBytes(text);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }
}
