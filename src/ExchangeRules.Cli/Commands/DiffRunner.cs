using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Cli.Replay;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Cli.Commands;

/// <summary>Runs <c>exrules diff</c>: both rule sets over every .eml of a folder, then the differences per recipient.</summary>
internal sealed class DiffRunner
{
    private readonly Func<IMessageEditor> _createEditor;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public DiffRunner(Func<IMessageEditor> createEditor, TextWriter output, TextWriter error)
    {
        _createEditor = createEditor;
        _output = output;
        _error = error;
    }

    public int Run(string oldRules, string newRules, string? organization, string? directory, string? configurationPath, SubmissionOrigin origin, string folder)
    {
        if (!AgentConfigurationOption.TryLoad(configurationPath, "no message was replayed.", _error.WriteLine, out var configuration))
        {
            return DiffCommand.Failed;
        }

        var errors = new List<string>();
        var before = ReplaySetup.TryLoad(oldRules, organization, directory, configuration, errors);
        var after = ReplaySetup.TryLoad(newRules, organization, directory, configuration, errors);
        if (!System.IO.Directory.Exists(folder))
        {
            errors.Add($"{folder}: the message folder does not exist");
        }

        if (before is null || after is null || errors.Count > 0)
        {
            errors.ForEach(_error.WriteLine);
            return DiffCommand.Failed;
        }

        var oldReplay = new MessageReplay(before, _createEditor());
        var newReplay = new MessageReplay(after, _createEditor());
        var files = System.IO.Directory.EnumerateFiles(folder, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        int changed = 0, unreadable = 0;
        foreach (var path in files)
        {
            IReadOnlyList<RecipientResult> oldResults, newResults;
            try
            {
                var mime = File.ReadAllBytes(path);
                var (sender, recipients) = EnvelopeFromHeaders.Read(mime);
                if (recipients.Count == 0)
                {
                    throw new FormatException("no recipient in To, Cc or Bcc");
                }

                var envelope = new MessageEnvelope(sender, recipients, origin);
                oldResults = oldReplay.Replay(mime, envelope);
                newResults = newReplay.Replay(mime, envelope);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                _error.WriteLine($"{path}: cannot be read: {exception.Message}");
                unreadable++;
                continue;
            }

            var lines = oldResults.Zip(newResults)
                .SelectMany(pair => ResultComparer.Compare(pair.First, pair.Second).Select((difference, index) => index == 0 ? $"  {pair.First.Recipient}: {difference}" : $"    {difference}"))
                .ToList();
            if (lines.Count > 0)
            {
                changed++;
                _output.WriteLine(path);
                lines.ForEach(_output.WriteLine);
            }
        }

        _output.WriteLine($"{files.Count} message(s) replayed with origin {origin}: {changed} changed, {files.Count - changed - unreadable} unchanged{(unreadable > 0 ? $", {unreadable} unreadable" : string.Empty)}.");
        return unreadable > 0 ? DiffCommand.Failed : changed > 0 ? DiffCommand.Changed : DiffCommand.Same;
    }
}
