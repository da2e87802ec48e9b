using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Writes what the editor makes of every message under a folder for a fixed set of insertions (each placement, with and
/// without the duplicate checks, an inline image, a second pass over the stamped output, trusted and anonymous origin):
/// the output bytes and every outcome's status, detail and placements. Two builds dumped into two folders and compared
/// with <c>diff -r</c> show whether a change of the inserter changed any byte or word. MimeKit's random multipart
/// boundaries are replaced by a fixed text.
/// </summary>
internal static class InserterOutputDump
{
    private static readonly Regex _boundary = new("=-[A-Za-z0-9+/]{20,24}={0,2}", RegexOptions.CultureInvariant);

    /// <summary>Dumps every <c>*.eml</c> under <paramref name="input"/> (recursively) into <paramref name="output"/>.</summary>
    public static int Run(string input, string output)
    {
        System.IO.Directory.CreateDirectory(output);
        var editor = new MimeMessageEditor();
        var logo = new InlineImage("contoso-logo", "logo.png", "image/png", Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        var cases = new (string Name, PlannedAction[] Actions)[]
        {
            ("newest", [Signature(Placement.UnderNewestReply, true, [])]),
            ("newest-nocheck", [Signature(Placement.UnderNewestReply, false, [])]),
            ("newest-logo", [Signature(Placement.UnderNewestReply, true, [logo])]),
            ("top", [Signature(Placement.Top, true, [])]),
            ("bottom", [Signature(Placement.Bottom, true, [])]),
            ("two", [Signature(Placement.UnderNewestReply, true, []), new InsertContentAction("Legal; disclaimer, one", FailurePolicy.FailOpen, InsertionKind.Disclaimer, "<p>This e-mail is confidential. If you are not the intended recipient, please delete it.</p>", string.Empty, Placement.Bottom, true, [])]),
        };
        var count = 0;
        foreach (var path in System.IO.Directory.GetFiles(input, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var mime = File.ReadAllBytes(path);
            var name = Path.GetRelativePath(input, path).Replace(Path.DirectorySeparatorChar, '_');
            foreach (var (caseName, actions) in cases)
            {
                foreach (var origin in new[] { SubmissionOrigin.Authenticated, SubmissionOrigin.Anonymous })
                {
                    var report = new StringBuilder();
                    var first = Apply(editor, mime, origin, actions, report);
                    Apply(editor, first ?? mime, origin, actions, report.AppendLine("second pass:"));
                    var stem = Path.Combine(output, $"{name}.{caseName}.{origin}");
                    File.WriteAllText(stem + ".txt", report.ToString());
                    if (first is not null)
                    {
                        File.WriteAllText(stem + ".eml", _boundary.Replace(Encoding.Latin1.GetString(first), "=-BOUNDARY"), Encoding.Latin1);
                    }

                    count++;
                }
            }
        }

        Console.WriteLine($"{count} runs dumped into {output}");
        return 0;
    }

    private static InsertContentAction Signature(Placement placement, bool skipIfPresent, IReadOnlyList<InlineImage> images) =>
        new("Corporate signature", FailurePolicy.FailOpen, InsertionKind.Signature, "<p>Jan Schmidt<br>Contoso Ltd. &middot; Sales<br>+49 89 1234 5678</p>", "Jan Schmidt\nContoso Ltd. · Sales\n+49 89 1234 5678", placement, skipIfPresent, images);

    private static byte[]? Apply(MimeMessageEditor editor, byte[] mime, SubmissionOrigin origin, PlannedAction[] actions, StringBuilder report)
    {
        using var input = new MemoryStream(mime, writable: false);
        using var output = new MemoryStream();
        var content = editor.Read(input, origin);
        try
        {
            var result = editor.Apply(content, actions, output);
            report.AppendLine(CultureInfo.InvariantCulture, $"changed: {result.Changed}, limit: {result.LimitReached}");
            foreach (var outcome in result.Outcomes)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"{outcome.Action.RuleName}: {outcome.Status}: {outcome.Detail}");
                foreach (var placement in outcome.Placements)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"  {placement.Part} {placement.Marker} {placement.Position} line {placement.Line} offset {placement.Offset}");
                }
            }

            return result.Changed ? output.ToArray() : null;
        }
        finally
        {
            (content as IDisposable)?.Dispose();
        }
    }
}
