using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using ExchangeRules.Directory;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Processing;
using ExchangeRules.Templates;
using MimeKit;
using Serilog.Core;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// Runs <c>exrules apply</c>: loads the rules, organisation and directory, then plays the host for each message
/// file — process, and when the processor splits, process the rest as a new copy, as Exchange's Fork does.
/// </summary>
internal sealed class ApplyRunner
{
    private static readonly JsonSerializerOptions _jsonOptions = new() { WriteIndented = true };

    private readonly ApplySettings _settings;
    private readonly Func<IMessageEditor> _createEditor;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly PlacementReport? _report;

    public ApplyRunner(ApplySettings settings, Func<IMessageEditor> createEditor, TextWriter output, TextWriter error)
    {
        _settings = settings;
        _createEditor = createEditor;
        _output = output;
        _error = error;
        _report = settings.Report ? new PlacementReport() : null;
    }

    public int Run()
    {
        if (!TryLoad(out var plan, out var organization, out var directory))
        {
            return ApplyCommand.SetupFailed;
        }

        var processor = new MessageProcessor(() => plan, _createEditor(), directory, ProcessingOptions.Default, Logger.None);
        if (_settings.OutputFolder is not null)
        {
            System.IO.Directory.CreateDirectory(_settings.OutputFolder);
        }

        var unreadable = 0;
        foreach (var path in _settings.Messages)
        {
            if (!ProcessFile(processor, organization, path))
            {
                unreadable++;
            }
        }

        _report?.WriteTo(_output);
        if (unreadable > 0)
        {
            _error.WriteLine($"{unreadable} of {_settings.Messages.Count} message(s) could not be read.");
            return ApplyCommand.SomeUnreadable;
        }

        return ApplyCommand.Processed;
    }

    private bool TryLoad(out IRulePlan plan, out IOrganization? organization, out IDirectory? directory)
    {
        plan = null!;
        organization = null;
        directory = null;
        try
        {
            plan = RuleSetLoader.Load(_settings.RulesPath, new FluidTemplateCompiler());
        }
        catch (RuleConfigurationException exception)
        {
            foreach (var error in exception.Errors)
            {
                _error.WriteLine(error.ToString());
            }

            _error.WriteLine($"{_settings.RulesPath}: {exception.Errors.Count} error(s); no message was processed.");
            return false;
        }

        OrganizationModel? model = null;
        if (_settings.OrganizationPath is not null)
        {
            try
            {
                model = OrganizationFile.Load(_settings.OrganizationPath);
                organization = model;
            }
            catch (OrganizationFileException exception)
            {
                _error.WriteLine($"{exception.FileName}:{exception.Line}:{exception.Column}: {exception.Message}");
                return false;
            }
        }

        var ldif = _settings.DirectorySource ?? model?.Directory?.LdifPath;
        if (ldif is not null)
        {
            try
            {
                directory = LdifDirectory.Load(ldif);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
            {
                _error.WriteLine($"{ldif}: the directory cannot be loaded: {exception.Message}");
                return false;
            }
        }

        return true;
    }

    private bool ProcessFile(MessageProcessor processor, IOrganization? organization, string path)
    {
        byte[] bytes;
        string sender;
        List<string> recipients;
        try
        {
            bytes = File.ReadAllBytes(path);
            using var headers = MimeMessage.Load(new MemoryStream(bytes, writable: false));
            sender = headers.From.Mailboxes.Concat(headers.Sender is null ? Enumerable.Empty<MailboxAddress>() : new[] { headers.Sender })
                .Select(mailbox => mailbox.Address).FirstOrDefault() ?? string.Empty;
            recipients = headers.To.Mailboxes.Concat(headers.Cc.Mailboxes).Concat(headers.Bcc.Mailboxes)
                .Select(mailbox => mailbox.Address).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            _error.WriteLine($"{path}: cannot be read: {exception.Message}");
            return false;
        }

        if (recipients.Count == 0)
        {
            _error.WriteLine($"{path}: cannot be processed: no recipient in To, Cc or Bcc.");
            return false;
        }

        var origin = _settings.SenderAuthenticated ? SubmissionOrigin.Authenticated : SubmissionOrigin.Unknown;
        var org = organization ?? new ApplySenderDomainOrganization(sender);
        var copies = new List<object>();
        var remaining = recipients;
        _output.WriteLine($"{path}: from {(sender.Length == 0 ? "<>" : sender)} to {recipients.Count} recipient(s), origin {origin}");
        for (var copy = 1; remaining.Count > 0 && copy <= recipients.Count; copy++)
        {
            using var mime = new MemoryStream(bytes, writable: false);
            var result = processor.Process(new MessageEnvelope(sender, remaining, origin), org, mime, CancellationToken.None);
            var kept = result.Outcome == ProcessingOutcome.Split ? result.SplitRecipients.ToList() : remaining;
            var written = Write(path, copy, bytes, result);
            Print(copy, kept, result, written);
            copies.Add(TraceOf(kept, result, written));
            _report?.Add(path, result);
            result.Mime?.Dispose();
            remaining = result.Outcome == ProcessingOutcome.Split
                ? remaining.Where(address => !kept.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList()
                : new List<string>();
        }

        if (_settings.WriteTrace && _settings.OutputFolder is not null)
        {
            var tracePath = Path.Combine(_settings.OutputFolder, Path.GetFileName(path) + ".trace.json");
            File.WriteAllText(tracePath, JsonSerializer.Serialize(new { file = path, sender, recipients, origin = origin.ToString(), copies }, _jsonOptions));
        }

        return true;
    }

    private string? Write(string path, int copy, byte[] original, ProcessingResult result)
    {
        if (_settings.OutputFolder is null || result.Outcome is ProcessingOutcome.Delete or ProcessingOutcome.Defer)
        {
            return null;
        }

        var target = Path.Combine(_settings.OutputFolder, ApplyCommand.OutputName(path, copy));
        if (result.Mime is null)
        {
            File.WriteAllBytes(target, original);
        }
        else
        {
            using var file = File.Create(target);
            result.Mime.Position = 0;
            result.Mime.CopyTo(file);
        }

        return target;
    }

    private void Print(int copy, IReadOnlyList<string> recipients, ProcessingResult result, string? written)
    {
        var outcome = result.Outcome == ProcessingOutcome.Split ? (result.Mime is null ? "Unchanged" : "Changed") + " (split)" : result.Outcome.ToString();
        _output.WriteLine($"  copy {copy} to {string.Join(", ", recipients)}: {outcome}{(result.Reason.Length > 0 ? " - " + result.Reason : string.Empty)}");
        foreach (var rule in result.Trace?.Rules ?? Array.Empty<RuleTrace>())
        {
            _output.WriteLine($"    rule {rule.RuleName}: {(rule.Applied ? "applied" : "not applied")}{(rule.Reason.Length > 0 ? " (" + rule.Reason + ")" : string.Empty)}");
        }

        foreach (var action in result.ActionOutcomes)
        {
            _output.WriteLine($"    action {Describe(action.Action)} of rule {action.Action.RuleName}: {action.Status}{(action.Detail.Length > 0 ? " (" + action.Detail + ")" : string.Empty)}");
        }

        if (written is not null)
        {
            _output.WriteLine($"    written to {written}");
        }
    }

    private static object TraceOf(IReadOnlyList<string> recipients, ProcessingResult result, string? written) => new
    {
        recipients,
        outcome = result.Outcome.ToString(),
        reason = result.Reason,
        output = written,
        rules = (result.Trace?.Rules ?? Array.Empty<RuleTrace>()).Select(rule => new { rule = rule.RuleName, applied = rule.Applied, reason = rule.Reason }),
        actions = result.ActionOutcomes.Select(action => new { rule = action.Action.RuleName, action = Describe(action.Action), status = action.Status.ToString(), detail = action.Detail, placements = action.Placements.Select(p => new { part = p.Part, marker = p.Marker, position = p.Position.ToString(), line = p.Line, offset = p.Offset }) }),
        envelopeChanges = result.EnvelopeChanges.Select(change => new { change = change.Change.ToString(), address = change.Address }),
    };

    private static string Describe(PlannedAction action) => action switch
    {
        InsertContentAction insert => insert.Kind switch
        {
            InsertionKind.Signature => "add signature",
            InsertionKind.Disclaimer => "add disclaimer",
            _ => "add banner",
        },
        SubjectAction subject => (subject.Prepend ? "prepend to subject " : "append to subject ") + subject.Text,
        HeaderAction header => header.Value is null ? "remove header " + header.Name : "set header " + header.Name,
        RecipientAction recipient => recipient.Change switch
        {
            RecipientChange.Bcc => "add BCC " + recipient.Address,
            RecipientChange.Redirect => "redirect to " + recipient.Address,
            _ => "add recipient " + recipient.Address,
        },
        RemoveAttachmentsAction => "remove attachments",
        AddAttachmentAction attachment => "add attachment " + attachment.FileName,
        DeleteMessageAction => "delete the message",
        _ => action.GetType().Name,
    };
}
