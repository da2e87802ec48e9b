using System;
using BenchmarkDotNet.Running;
using ExchangeRules.Benchmarks.Tools;
using ExchangeRules.Mime;

namespace ExchangeRules.Benchmarks;

/// <summary>
/// Entry point: without a tool verb it runs the BenchmarkDotNet suite (all BenchmarkDotNet switches work,
/// for example <c>--filter *Untouched*</c>); the verbs serve the alterMIME comparison script.
/// </summary>
public static class Program
{
    /// <summary>Runs the suite or one of the comparison verbs.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // Before anything reads a message: MimeKit remembers a charset it could not find.
        CodePageRegistration.Register();
        if (args.Length > 0 && ComparisonVerbs.TryRun(args, out var exitCode))
        {
            return exitCode;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
