using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Tests.Support;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Processing.Tests;

/// <summary>
/// The production composition (AgentComponents: MimeKit editor, LDIF directory, watched rules with Fluid templates)
/// started the way the agent starts it, on the shipped samples copied into an agent folder.
/// </summary>
public sealed class ProcessingHostSamplesTests : IDisposable
{
    private readonly TemporaryFolder _agent = new();

    [Fact]
    public void Start_ShippedSamples_StampsOutgoingMailWithTheSendersSignature()
    {
        using var target = StartOnSamples();

        var result = Process(target);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        var stamped = ReadAll(result.Mime!);
        Assert.Contains("data-exr-rule", stamped, StringComparison.Ordinal);
        Assert.Contains("X-ExchangeRules-Stamped:", stamped, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_RulesFileCorruptedWhileRunning_KeepsTheLastGoodRulesAndLogsTheRejection()
    {
        using var target = StartOnSamples();
        File.WriteAllText(_agent.Combine("Rules", "rules.xml"), "<rules xmlns=\"urn:exchangerules:rules:v1\"><rule");

        // The watcher debounces (1 s here) and then logs the located rejection; wait for that line, bounded.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!LogText().Contains("rejected", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        Assert.Contains("rejected", LogText(), StringComparison.Ordinal);
        Assert.Contains("rules.xml:1:", LogText(), StringComparison.Ordinal);
        var result = Process(target);
        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
    }

    [Fact]
    public void Process_RulesFileDeletedWhileRunning_KeepsTheLastGoodRulesAndPicksUpTheFileWhenItReturns()
    {
        using var target = StartOnSamples();
        var rules = _agent.Combine("Rules", "rules.xml");
        var original = File.ReadAllText(rules);
        File.Delete(rules);

        WaitForLog(text => text.Contains("rejected", StringComparison.Ordinal));

        Assert.Contains("(4004)", LogText(), StringComparison.Ordinal);
        Assert.Contains("the previous rules stay in force", LogText(), StringComparison.Ordinal);
        var whileMissing = Process(target);
        Assert.Equal(ProcessingOutcome.Changed, whileMissing.Outcome);
        Assert.Contains("data-exr-rule", ReadAll(whileMissing.Mime!), StringComparison.Ordinal);

        var loadedBefore = Occurrences(LogText(), "(4003)");
        File.WriteAllText(rules, original);
        WaitForLog(text => Occurrences(text, "(4003)") > loadedBefore);

        Assert.True(Occurrences(LogText(), "(4003)") > loadedBefore, "the restored rules file was not loaded again");
        var afterReturn = Process(target);
        Assert.Equal(ProcessingOutcome.Changed, afterReturn.Outcome);
    }

    [Fact]
    public void Process_OutgoingMessageOverEveryLimitAtOnce_IsDeferredForTheFailClosedDisclaimerAndLeftByteForByte()
    {
        using var target = StartOnSamples("  <limits maxMessageSizeMB=\"1\" timeBudgetMilliseconds=\"1\" maxMimeDepth=\"4\" />\n");
        var hostile = HostileMessage(depth: 40, parts: 700, padTo: 1_300_000);
        using var mime = new MemoryStream(hostile, writable: false);

        var result = target.Process(Outgoing(), FakeOrganization.Contoso, mime, CancellationToken.None);

        // The sample legal disclaimer is failClosed: a message it cannot be added to never leaves without it.
        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Null(result.Mime);
        Assert.Equal(hostile, mime.ToArray());
        Assert.Contains("(3005)", WaitForLog(text => text.Contains("(3005)", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_OutgoingMessageDeeperThanTheMimeLimitThroughTheRealEditor_IsDeferredNamingTheLimit()
    {
        using var target = StartOnSamples("  <limits maxMimeDepth=\"4\" />\n");
        var hostile = HostileMessage(depth: 40, parts: 10, padTo: 0);
        using var mime = new MemoryStream(hostile, writable: false);

        var result = target.Process(Outgoing(), FakeOrganization.Contoso, mime, CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Null(result.Mime);
        Assert.Contains("MaxMimeDepth", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_LargeMessageStamped_IsSpooledAndTheSpoolFileGoesAwayWithTheResult()
    {
        using var target = StartOnSamples("  <limits inMemoryEditLimitMB=\"1\" spoolFolder=\"Spool\" />\n");
        System.IO.Directory.CreateDirectory(_agent.Combine("Spool"));
        var large = WithAttachment(File.ReadAllBytes(Path.Combine(Samples(), "messages", "onprem-to-internet.eml")), 3 * 1024 * 1024);
        using var mime = new MemoryStream(large, writable: false);

        var result = target.Process(Outgoing(), FakeOrganization.Contoso, mime, CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.IsType<FileStream>(result.Mime);
        Assert.Single(System.IO.Directory.GetFiles(_agent.Combine("Spool")));
        var stamped = ReadAll(result.Mime!);
        Assert.Contains("data-exr-rule", stamped, StringComparison.Ordinal);
        Assert.Contains("payload.bin", stamped, StringComparison.Ordinal);
        result.Mime!.Dispose();
        Assert.Empty(System.IO.Directory.GetFiles(_agent.Combine("Spool")));
    }

    [Fact]
    public void BufferSettings_ConfiguredLimits_AreWhatTheAgentReadsMessagesWith()
    {
        using var target = StartOnSamples("  <limits inMemoryEditLimitMB=\"2\" spoolFolder=\"Spool\" />\n");

        var settings = Assert.IsAssignableFrom<IMessageBufferSettings>(target);
        Assert.Equal(2L * 1024 * 1024, settings.InMemoryLimitBytes);
        Assert.Equal(Path.GetFullPath(_agent.Combine("Spool")), settings.SpoolFolder);
    }

    public void Dispose() => _agent.Dispose();

    private static MessageEnvelope Outgoing() =>
        new("alice@contoso.com", new[] { "partner@external.example" }, SubmissionOrigin.Authenticated);

    /// <summary>A message nested <paramref name="depth"/> multiparts deep with <paramref name="parts"/> leaf parts, padded past <paramref name="padTo"/> bytes.</summary>
    private static byte[] HostileMessage(int depth, int parts, int padTo)
    {
        var builder = new StringBuilder("From: Alice <alice@contoso.com>\r\nTo: partner@external.example\r\nSubject: hostile\r\nMessage-ID: <hostile@contoso.com>\r\nMIME-Version: 1.0\r\n");
        for (var level = 0; level < depth; level++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/mixed; boundary=\"level{level}\"\r\n\r\n--level{level}\r\n");
        }

        builder.Append("Content-Type: multipart/mixed; boundary=\"leaves\"\r\n\r\n");
        var padding = new string('x', 76);
        var perPart = Math.Max(1, (padTo / Math.Max(1, parts)) / 78);
        for (var part = 0; part < parts; part++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"--leaves\r\nContent-Type: text/plain\r\n\r\npart {part}\r\n");
            for (var line = 0; line < perPart && padTo > 0; line++)
            {
                builder.Append(padding).Append("\r\n");
            }
        }

        builder.Append("--leaves--\r\n");
        for (var level = depth - 1; level >= 0; level--)
        {
            builder.Append(CultureInfo.InvariantCulture, $"--level{level}--\r\n");
        }

        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    /// <summary>Wraps a sample message in multipart/mixed with a base64 attachment of <paramref name="size"/> bytes.</summary>
    private static byte[] WithAttachment(byte[] message, int size)
    {
        var parsed = MimeKit.MimeMessage.Load(new MemoryStream(message));
        var payload = new byte[size];
        new Random(7).NextBytes(payload);
        var mixed = new MimeKit.Multipart("mixed")
        {
            parsed.Body!,
            new MimeKit.MimePart("application", "octet-stream")
            {
                FileName = "payload.bin",
                Content = new MimeKit.MimeContent(new MemoryStream(payload)),
                ContentTransferEncoding = MimeKit.ContentEncoding.Base64,
            },
        };
        parsed.Body = mixed;
        using var output = new MemoryStream();
        parsed.WriteTo(output);
        return output.ToArray();
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Waits (bounded) until the log satisfies <paramref name="condition"/>; returns the log text.</summary>
    private string WaitForLog(Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var text = LogText();
        while (!condition(text) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
            text = LogText();
        }

        return text;
    }

    private static ProcessingResult Process(ProcessingHost target)
    {
        var envelope = new MessageEnvelope("alice@contoso.com", new[] { "partner@external.example" }, SubmissionOrigin.Authenticated);
        using var mime = File.OpenRead(Path.Combine(Samples(), "messages", "onprem-to-internet.eml"));
        var buffer = new MemoryStream();
        mime.CopyTo(buffer);
        buffer.Position = 0;
        return target.Process(envelope, FakeOrganization.Contoso, buffer, CancellationToken.None);
    }

    private static string ReadAll(Stream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        return reader.ReadToEnd();
    }

    private static string Samples() => Path.Combine(TestRepository.Root, "samples");

    private ProcessingHost StartOnSamples(string extraConfiguration = "")
    {
        CopyFolder(Path.Combine(Samples(), "rules"), _agent.Combine("Rules"));
        File.Copy(Path.Combine(Samples(), "directory", "contoso.ldif"), _agent.Combine("contoso.ldif"));
        _agent.Write(
            AgentConfiguration.FileName,
            "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\">\n" +
            "  <rules path=\"Rules/rules.xml\" lastGoodFolder=\"LastGood\" reloadDelaySeconds=\"1\" />\n" +
            "  <directory><ldif path=\"contoso.ldif\" /></directory>\n" +
            "  <logging folder=\"Logs\" eventLog=\"false\" />\n" +
            extraConfiguration +
            "</agentConfiguration>\n");
        return ProcessingHost.Start(_agent.Path);
    }

    private string LogText()
    {
        var logs = _agent.Combine("Logs");
        if (!System.IO.Directory.Exists(logs))
        {
            return string.Empty;
        }

        var texts = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(logs))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            texts.Add(reader.ReadToEnd());
        }

        return string.Concat(texts);
    }

    private static void CopyFolder(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
