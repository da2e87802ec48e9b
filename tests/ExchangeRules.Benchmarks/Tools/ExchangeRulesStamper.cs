using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// ExchangeRules' side of the alterMIME comparison: the same disclaimer job (plain + HTML, bottom of the
/// message) applied by the MimeKit editor to every message of a folder, timed in process, warm.
/// </summary>
internal static class ExchangeRulesStamper
{
    /// <summary>Stamps every <c>*.eml</c> of <paramref name="input"/> into <paramref name="output"/> and prints a Markdown timing table.</summary>
    public static int Run(string input, string output, int iterations)
    {
        System.IO.Directory.CreateDirectory(output);
        var editor = new MimeMessageEditor();
        PlannedAction[] actions =
        [
            new InsertContentAction("Disclaimer", FailurePolicy.FailOpen, InsertionKind.Disclaimer, Disclaimer.Html, Disclaimer.Text.Trim('\r', '\n'), Placement.Bottom, skipIfPresent: true, images: []),
        ];
        Console.WriteLine("| message | size | ExchangeRules wall ms/msg (in process) | ExchangeRules CPU ms/msg | stamped |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var path in System.IO.Directory.GetFiles(input, "*.eml").Order(StringComparer.Ordinal))
        {
            var mime = File.ReadAllBytes(path);
            byte[] stamped;
            bool changed;
            using (var destination = new MemoryStream(mime.Length + 4096))
            {
                changed = Stamp(editor, actions, mime, destination);
                stamped = destination.ToArray();
            }

            File.WriteAllBytes(Path.Combine(output, Path.GetFileName(path)), changed ? stamped : mime);

            // Warm up (tiered JIT) before timing, as a long-running agent is.
            for (var i = 0; i < Math.Max(5, iterations / 2); i++)
            {
                using var warmup = new MemoryStream(mime.Length + 4096);
                Stamp(editor, actions, mime, warmup);
            }

            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                using var destination = new MemoryStream(mime.Length + 4096);
                Stamp(editor, actions, mime, destination);
            }

            var wall = watch.Elapsed.TotalMilliseconds / iterations;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Path.GetFileName(path)} | {mime.Length} | {wall:0.00} | {cpu:0.00} | {(changed ? "yes" : "no")} |"));
        }

        return 0;
    }

    // Writes into a pre-sized memory stream, as alterMIME writes its output once.
    private static bool Stamp(MimeMessageEditor editor, PlannedAction[] actions, byte[] mime, Stream destination)
    {
        using var source = new MemoryStream(mime, writable: false);
        var content = editor.Read(source, SubmissionOrigin.Authenticated);
        return editor.Apply(content, actions, destination).Changed;
    }
}
