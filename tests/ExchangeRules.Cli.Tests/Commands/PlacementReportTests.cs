using System;
using System.CommandLine;
using System.IO;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Mime;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class PlacementReportTests : IDisposable
{
    private static readonly string _folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Report");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void ApplyReport_OverAFolder_SummarisesMarkersBottomPostsAndFallbacks()
    {
        var exit = Run("apply", "--rules", Path.Combine(_folder, "signature-rules.xml"), "--sender-authenticated", "--report", Path.Combine(_folder, "messages"));

        Assert.Equal(ApplyCommand.Processed, exit);
        var printed = _output.ToString();
        Assert.Contains("Placement report: 3 message(s), 3 with content under the newest reply, 4 part placement(s)", printed, StringComparison.Ordinal);
        Assert.Contains("text/plain  original-message", printed, StringComparison.Ordinal);
        Assert.Contains("bottom-posted or interleaved (placed under the author's text below the quote): 2 part(s)", printed, StringComparison.Ordinal);
        Assert.Contains("fallbacks, no reply marker found (placed at the end of the part): 1 part(s)", printed, StringComparison.Ordinal);
        Assert.Contains("unknown-client-reply.eml: text/plain, rule Signature", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WithoutReport_PrintsNoSummary()
    {
        var exit = Run("apply", "--rules", Path.Combine(_folder, "signature-rules.xml"), "--sender-authenticated", Path.Combine(_folder, "messages", "outlook-reply.eml"));

        Assert.Equal(ApplyCommand.Processed, exit);
        Assert.DoesNotContain("Placement report", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("text/plain at line 3, before marker 'original-message'", _output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    private int Run(params string[] args)
    {
        var root = new RootCommand { ApplyCommand.Create(_ => new MimeMessageEditor()) };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
