using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing;
using MimeKit;
using Serilog.Core;

namespace ExchangeRules.Cli.Replay;

/// <summary>
/// Replays one message through the agent's own processor, playing the host as <c>exrules apply</c> does (when the
/// rules split the message, the rest is processed again as a new copy, as Exchange's Fork does), and reports the
/// result per envelope recipient. <c>exrules test</c> and <c>exrules diff</c> go through <see cref="Replay"/> only.
/// </summary>
internal sealed class MessageReplay
{
    private readonly ReplaySetup _setup;
    private readonly MessageProcessor _processor;

    public MessageReplay(ReplaySetup setup, IMessageEditor editor)
    {
        _setup = setup;
        var plan = setup.Plan;
        _processor = new MessageProcessor(() => plan, editor, setup.Directory, ProcessingOptions.Default, Logger.None);
    }

    /// <summary>Processes <paramref name="mime"/> for <paramref name="envelope"/>; one result per envelope recipient, in envelope order.</summary>
    public IReadOnlyList<RecipientResult> Replay(byte[] mime, MessageEnvelope envelope)
    {
        var organization = _setup.Organization ?? new ApplySenderDomainOrganization(envelope.Sender);
        var results = new List<RecipientResult>();
        IReadOnlyList<string> remaining = envelope.Recipients;
        for (var copy = 1; remaining.Count > 0 && copy <= envelope.Recipients.Count; copy++)
        {
            using var input = new MemoryStream(mime, writable: false);
            var result = _processor.Process(new MessageEnvelope(envelope.Sender, remaining, envelope.Origin), organization, input, CancellationToken.None);
            try
            {
                var kept = result.Outcome == ProcessingOutcome.Split ? result.SplitRecipients : remaining;
                results.AddRange(kept.Select(recipient => ResultFor(recipient, copy, mime, result)));
                remaining = result.Outcome == ProcessingOutcome.Split
                    ? remaining.Where(address => !kept.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList()
                    : Array.Empty<string>();
            }
            finally
            {
                result.Mime?.Dispose();
            }
        }

        return envelope.Recipients
            .Select(recipient => results.FirstOrDefault(result => string.Equals(result.Recipient, recipient, StringComparison.OrdinalIgnoreCase)))
            .OfType<RecipientResult>()
            .ToList();
    }

    private static RecipientResult ResultFor(string recipient, int copy, byte[] original, ProcessingResult result)
    {
        var outcome = result.Outcome switch
        {
            ProcessingOutcome.Defer => ReplayOutcome.Deferred,
            ProcessingOutcome.Delete => ReplayOutcome.Deleted,
            _ when result.Mime is not null || result.EnvelopeChanges.Count > 0 => ReplayOutcome.Changed,
            _ => ReplayOutcome.Unchanged,
        };
        var applied = result.ActionOutcomes.Where(action => action.Status == ActionStatus.Applied).Select(action => action.Action).ToList();
        var headers = ReadHeaders(result.Mime, original);
        return new RecipientResult
        {
            Recipient = recipient,
            Copy = copy,
            Outcome = outcome,
            Reason = result.Reason,
            Rules = (result.Trace?.Rules ?? Array.Empty<RuleTrace>())
                .Where(rule => rule.Applied && (rule.Recipients.Count == 0 || rule.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase)))
                .Select(rule => rule.RuleName)
                .ToList(),
            RuleReasons = (result.Trace?.Rules ?? Array.Empty<RuleTrace>())
                .GroupBy(rule => rule.RuleName, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First().Reason, StringComparer.Ordinal),
            Blocks = outcome is ReplayOutcome.Deferred or ReplayOutcome.Deleted
                ? Array.Empty<InsertedBlock>()
                : applied.OfType<InsertContentAction>().Select(Block).ToList(),
            Actions = result.ActionOutcomes
                .Where(action => action.Action is not InsertContentAction)
                .Select(action => ActionText.Describe(action.Action) + ": " + action.Status)
                .ToList(),
            Subject = headers.TryGetValue("Subject", out var subject) ? subject[0] : null,
            Headers = headers,
        };
    }

    private static InsertedBlock Block(InsertContentAction insert)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(insert.Html + "\0" + insert.Text));
        return new InsertedBlock(insert.TemplateName, ActionText.KindName(insert.Kind), ActionText.PlacementName(insert.Placement), Convert.ToHexStringLower(hash, 0, 4));
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadHeaders(Stream? edited, byte[] original)
    {
        Stream source = edited ?? new MemoryStream(original, writable: false);
        source.Position = 0;
        var list = HeaderList.Load(source);
        return list
            .GroupBy(header => header.Field, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)group.Select(header => header.Value.Trim()).ToList(), StringComparer.OrdinalIgnoreCase);
    }
}
