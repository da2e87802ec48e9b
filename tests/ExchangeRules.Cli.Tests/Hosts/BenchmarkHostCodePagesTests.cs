using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using ExchangeRules.Tests.Hosting;
using MimeKit;
using Xunit;

namespace ExchangeRules.Cli.Tests.Hosts;

/// <summary>
/// The benchmark host (tests/ExchangeRules.Benchmarks) registers the legacy code pages at its entry point. Its
/// <c>stamp</c> verb (the alterMIME comparison's side) runs in its own process on the charset matrix: this test host's
/// module initializer does not reach a child process, and an editor without the code pages leaves a legacy-charset
/// part byte-identical, so every stamped windows-125x, koi8, Shift_JIS, GB or Big5 part proves the registration, and
/// that the benchmarks measure the same work as production.
/// </summary>
public sealed class BenchmarkHostCodePagesTests : IDisposable
{
    /// <summary>The words of the benchmark's disclaimer (tests/ExchangeRules.Benchmarks/Fixtures/Disclaimer.cs, Marker).</summary>
    private const string _disclaimerMarker = "Contoso Société Anonyme, Zürich";

    /// <summary>
    /// One charset of each family that .NET 10 only has with the code-page provider (single-byte Windows and ISO, KOI8,
    /// Japanese, Chinese); the whole matrix runs through the exrules host (ApplyCharsetMatrixTests). The stamp verb
    /// stamps each message seven times (warm-up and timing), so a few families keep this test short.
    /// </summary>
    private static readonly string[] _legacy = { "windows-1252", "windows-1251", "iso-8859-2", "koi8-r", "shift_jis", "iso-2022-jp", "gb18030", "big5" };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-bench-charsets-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void BenchmarkHost_StampVerbInItsOwnProcess_StampsLegacyCharsetsFaithfully()
    {
        var input = Path.Combine(_folder, "in");
        var output = Path.Combine(_folder, "out");
        var cases = CharsetMatrix.WriteAll(input).Where(c => _legacy.Contains(c.Charset)).ToList();
        foreach (var skipped in System.IO.Directory.GetFiles(input).Where(f => !cases.Any(c => c.FileName == Path.GetFileName(f))))
        {
            File.Delete(skipped);
        }

        RunBenchmarkHost("stamp", input, output, "1");

        var problems = new List<string>();
        foreach (var matrixCase in cases)
        {
            var original = File.ReadAllBytes(Path.Combine(input, matrixCase.FileName));
            var stamped = File.ReadAllBytes(Path.Combine(output, matrixCase.FileName));
            if (original.AsSpan().SequenceEqual(stamped))
            {
                problems.Add($"{matrixCase.Name}: left unchanged (the host cannot decode {matrixCase.Charset})");
            }
            else if (Problem(matrixCase, stamped) is { } problem)
            {
                problems.Add($"{matrixCase.Name}: {problem}");
            }
        }

        Assert.Equal(_legacy.Length * 6, cases.Count);
        Assert.True(problems.Count == 0, $"{problems.Count} of {cases.Count} cases failed:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The part decodes strictly in the charset it declares and holds the sender's text and the disclaimer once.</summary>
    private static string? Problem(MatrixCase matrixCase, byte[] stamped)
    {
        var part = MimeMessage.Load(new MemoryStream(stamped)).Body as TextPart;
        if (part is null)
        {
            return "the body is no longer a single text part";
        }

        var charset = part.ContentType.Charset ?? "us-ascii";
        string text;
        try
        {
            using var bytes = new MemoryStream();
            part.Content?.DecodeTo(bytes);
            text = CharsetMatrix.EncodingOf(charset).GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
        }
        catch (Exception ex) when (ex is DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            return $"the part does not decode as the {charset} it declares: {ex.Message}";
        }

        // In HTML a character the charset cannot carry is written as a character reference.
        var rendered = matrixCase.Html ? WebUtility.HtmlDecode(text) : text;
        if (!rendered.Contains(matrixCase.Text, StringComparison.Ordinal) || !rendered.Contains(CharsetMatrix.SecondLine, StringComparison.Ordinal))
        {
            return $"the sender's text did not survive (declared {charset})";
        }

        var disclaimers = rendered.Split(_disclaimerMarker).Length - 1;
        return disclaimers == 1 ? null : $"the disclaimer appears {disclaimers} times (declared {charset})";
    }

    /// <summary>Runs <c>dotnet ExchangeRules.Benchmarks.dll ARGS</c> from the copy beside this test (benchmarks/).</summary>
    private static void RunBenchmarkHost(params string[] arguments)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "benchmarks", "ExchangeRules.Benchmarks.dll");
        Assert.True(File.Exists(host), $"the benchmark host is not installed beside the tests: {host}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(180_000), "the benchmark host did not finish within 180 s");
        Assert.True(process.ExitCode == 0, $"the benchmark host exited with {process.ExitCode}: {error.Result}{output}");
    }
}
