using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Actions;
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
            var changed = Stamp(editor, actions, mime, out var stamped);
            File.WriteAllBytes(Path.Combine(output, Path.GetFileName(path)), changed ? stamped : mime);

            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                Stamp(editor, actions, mime, out _);
            }

            var wall = watch.Elapsed.TotalMilliseconds / iterations;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Path.GetFileName(path)} | {mime.Length} | {wall:0.00} | {cpu:0.00} | {(changed ? "yes" : "no")} |"));
        }

        return 0;
    }

    private static bool Stamp(MimeMessageEditor editor, PlannedAction[] actions, byte[] mime, out byte[] stamped)
    {
        using var source = new MemoryStream(mime, writable: false);
        using var destination = new MemoryStream(mime.Length + 4096);
        var content = editor.Read(source);
        var changed = editor.Apply(content, actions, destination).Changed;
        stamped = destination.ToArray();
        return changed;
    }
}
