using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Tests.Support;
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

    public void Dispose() => _agent.Dispose();

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

    private static string Samples()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "rules", "rules.xml")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The repository's samples folder was not found above " + AppContext.BaseDirectory);
    }

    private ProcessingHost StartOnSamples()
    {
        CopyFolder(Path.Combine(Samples(), "rules"), _agent.Combine("Rules"));
        File.Copy(Path.Combine(Samples(), "directory", "contoso.ldif"), _agent.Combine("contoso.ldif"));
        _agent.Write(
            AgentConfiguration.FileName,
            "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\">\n" +
            "  <rules path=\"Rules/rules.xml\" lastGoodFolder=\"LastGood\" reloadDelaySeconds=\"1\" />\n" +
            "  <directory><ldif path=\"contoso.ldif\" /></directory>\n" +
            "  <logging folder=\"Logs\" eventLog=\"false\" />\n" +
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
