using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using MimeKit;
using MimeKit.Cryptography;
using Xunit;
using Xunit.Abstractions;

namespace ExchangeRules.Mime.Tests;

/// <summary>Stamps every message of the shared real-world corpus with a signature, a disclaimer and a banner.</summary>
public class CorpusTests
{
    private static readonly Regex _word = new(@"[\p{L}\p{N}]{3,}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Apply_EveryCorpusMessage_KeepsContentAttachmentsAndSecureMessagesIntact()
    {
        var corpus = CorpusLocator.Find();
        var entries = File.ReadAllLines(Path.Combine(corpus, "INDEX.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 4 && !f[3].Split(',').Contains("not-a-message"))
            .ToList();
        var problems = new List<string>();
        var notes = new List<string>();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Count(string key) => counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

        foreach (var entry in entries)
        {
            var path = entry[0];
            var original = File.ReadAllBytes(Path.Combine(corpus, path));
            StampRun run;
            try
            {
                run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(), Stamping.Disclaimer(), Stamping.Banner());
            }
            catch (Exception ex)
            {
                problems.Add($"{path}: threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            Count("messages");
            Count(run.Result.Changed ? "changed" : "unchanged");
            foreach (var outcome in run.Result.Outcomes)
            {
                Count($"outcome {outcome.Status}: {Reason(outcome.Detail)}");
            }

            notes.AddRange(run.Result.Outcomes.Where(o => o.Status == ActionStatus.Failed || o.Detail.Contains("time budget", StringComparison.Ordinal))
                .Select(o => $"note {path}: {o.Detail}").Distinct());

            var before = TryLoad(original);
            var secure = before is not null && IsSecure(before);
            if (secure)
            {
                Count("signed or encrypted");
                if (run.Result.Changed)
                {
                    problems.Add($"{path}: a signed or encrypted message was changed");
                }
            }

            if (!run.Result.Changed)
            {
                continue;
            }

            MimeMessage after;
            try
            {
                after = MimeMessage.Load(new MemoryStream(run.Output));
            }
            catch (FormatException ex)
            {
                problems.Add($"{path}: output does not parse: {ex.Message}");
                continue;
            }

            if (before is null)
            {
                continue;
            }

            CheckWords(path, before, after, problems);
            CheckAttachments(path, before, after, problems);
            CheckSignatureOnce(path, run, after, problems);
        }

        foreach (var pair in counts)
        {
            _output.WriteLine($"{pair.Value,5}  {pair.Key}");
        }

        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "corpus-stamping-report.txt"), counts.Select(p => $"{p.Value,5}  {p.Key}").Concat(notes).Concat(problems));
        Assert.True(counts["messages"] == entries.Count, "every corpus message was processed");
        Assert.True(counts.GetValueOrDefault("changed") > entries.Count / 2, "most corpus messages get stamped");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static string Reason(string detail)
    {
        var paren = detail.IndexOf('(', StringComparison.Ordinal);
        var quote = detail.IndexOf('\'', StringComparison.Ordinal);
        var cut = paren < 0 ? quote : quote < 0 ? paren : Math.Min(paren, quote);
        var reason = cut > 0 ? detail.Substring(0, cut) : detail;
        return reason.Length > 90 ? reason.Substring(0, 90) : reason.Trim();
    }

    private static MimeMessage? TryLoad(byte[] bytes)
    {
        try
        {
            return MimeMessage.Load(new MemoryStream(bytes));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsSecure(MimeMessage message) =>
        message.Body is MultipartSigned or MultipartEncrypted or ApplicationPkcs7Mime
        || message.Body?.ContentType.IsMimeType("application", "x-pkcs7-mime") == true
        || (message.TextBody ?? string.Empty).Contains("-----BEGIN PGP", StringComparison.Ordinal);

    private static void CheckWords(string path, MimeMessage before, MimeMessage after, List<string> problems)
    {
        var afterText = string.Join("\n", TextParts(after).Select(p => p.Text));
        var afterWords = new HashSet<string>(_word.Matches(afterText).Select(m => m.Value), StringComparer.Ordinal);
        foreach (var part in TextParts(before))
        {
            // An HTML part re-encoded as UTF-8 has its meta charset rewritten: the old charset name may go.
            var charset = part.ContentType.Charset ?? string.Empty;
            var missing = _word.Matches(part.Text).Select(m => m.Value)
                .Where(w => !afterWords.Contains(w) && !charset.Contains(w, StringComparison.OrdinalIgnoreCase))
                .Distinct().Take(5).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{path}: words lost from {part.ContentType.MimeType}: {string.Join(", ", missing)}");
            }
        }
    }

    private static IEnumerable<TextPart> TextParts(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment);

    private static void CheckAttachments(string path, MimeMessage before, MimeMessage after, List<string> problems)
    {
        var afterParts = Attachments(after).ToList();
        foreach (var attachment in Attachments(before))
        {
            if (!afterParts.Any(a => a.SequenceEqual(attachment)))
            {
                problems.Add($"{path}: an attachment is not byte-identical after stamping");
            }
        }
    }

    private static IEnumerable<byte[]> Attachments(MimeMessage message)
    {
        foreach (var entity in message.BodyParts)
        {
            if (entity is TextPart text && !text.IsAttachment)
            {
                continue;
            }

            using var bytes = new MemoryStream();
            entity.WriteTo(FormatOptions.Default, bytes, contentOnly: true);
            yield return bytes.ToArray();
        }
    }

    private static void CheckSignatureOnce(string path, StampRun run, MimeMessage after, List<string> problems)
    {
        var outcome = run.Result.Outcomes[0];
        if (outcome.Status != ActionStatus.Applied)
        {
            return;
        }

        var html = after.HtmlBody;
        if (outcome.Detail.Contains("text/html", StringComparison.Ordinal) && Occurrences(html, "data-exr-rule=\"Corporate signature\"") != 1)
        {
            problems.Add($"{path}: the HTML signature does not appear exactly once");
        }

        if (outcome.Detail.Contains("text/plain", StringComparison.Ordinal) && Occurrences(after.TextBody, Stamping.SignatureText) != 1)
        {
            problems.Add($"{path}: the plain-text signature does not appear exactly once");
        }
    }

    private static int Occurrences(string? text, string value)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

/// <summary>Finds the shared corpus by walking up from the test's base directory.</summary>
internal static class CorpusLocator
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (File.Exists(Path.Combine(candidate, "INDEX.tsv")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No shared/corpus folder (with INDEX.tsv) found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Every corpus and fixture message that MimeKit can parse, with its file name.</summary>
    public static IEnumerable<(string Name, MimeMessage Message)> ParsableMessagesAndFixtures()
    {
        var fixtures = System.IO.Directory.EnumerateFiles(Path.GetDirectoryName(Stamping.FixturePath("gmail-reply.eml"))!, "*.eml")
            .Concat(System.IO.Directory.EnumerateFiles(PlacementRow.FixtureFolder, "*.eml"));
        foreach (var path in System.IO.Directory.EnumerateFiles(Find(), "*.eml", SearchOption.AllDirectories).Concat(fixtures))
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(path);
            }
            catch (FormatException)
            {
                continue;
            }

            yield return (Path.GetFileName(path), message);
        }
    }
}
