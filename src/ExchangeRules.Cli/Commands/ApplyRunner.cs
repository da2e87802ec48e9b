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
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using ExchangeRules.Templates;
using MimeKit;
using Serilog.Core;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// Runs <c>exrules apply</c>: loads the rules, organisation and directory, then runs each message file through the
/// agent's own <see cref="TransportHandler"/> over the categorizer events (<see cref="HandlerPipeline"/>: recipient
/// changes at submission, groups expanded, content at OnResolvedMessage, forked copies at OnRoutedMessage), with the
/// processor built by <see cref="MessageProcessorFactory"/> — so the preview decides exactly as a server would and
/// writes what it would deliver.
/// </summary>
internal sealed class ApplyRunner
{
    private static readonly JsonSerializerOptions _jsonOptions = new() { WriteIndented = true };

    private readonly ApplySettings _settings;
    private readonly Func<ProcessingOptions, IMessageEditor> _createEditor;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly PlacementReport? _report;
    private OrganizationKey? _organizationKey;

    public ApplyRunner(ApplySettings settings, Func<ProcessingOptions, IMessageEditor> createEditor, TextWriter output, TextWriter error)
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

        // The preview holds each message in memory already (read whole from its file), so the edited copy is built in
        // memory too: spooling large results to a temporary file keeps attachments out of the Transport service's
        // memory, which a one-shot preview does not need, and costs a write and a read of the whole message.
        // With --config the preview seals and trusts our markers with the organisation key, as the agent does.
        var options = new ProcessingOptions { InMemoryEditLimitBytes = long.MaxValue, OrganizationKey = _organizationKey };
        var processor = MessageProcessorFactory.Create(() => plan, directory, options, Logger.None, _createEditor(options));
        var pipeline = new HandlerPipeline(new TransportHandler(processor, new TransportHandlerOptions { Logger = Logger.None, OrganizationKey = _organizationKey }), maxDeferrals: 0);
        if (_settings.OutputFolder is not null)
        {
            System.IO.Directory.CreateDirectory(_settings.OutputFolder);
        }

        var unreadable = 0;
        foreach (var path in _settings.Messages)
        {
            if (!ProcessFile(pipeline, organization, path))
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
        if (!AgentConfigurationOption.TryLoad(_settings.ConfigurationPath, "no message was processed.", _error.WriteLine, out var configuration))
        {
            return false;
        }

        _organizationKey = configuration?.OrganizationKey;

        try
        {
            plan = RuleSetLoader.Load(_settings.RulesPath, AgentConfigurationOption.Compiler(configuration));
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

        var ldif = _settings.DirectorySource ?? model?.Directory?.LdifPath ?? configuration?.LdifPath;
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

    private bool ProcessFile(HandlerPipeline pipeline, IOrganization? organization, string path)
    {
        ApplyEnvelope? envelope;
        try
        {
            envelope = ApplyEnvelope.Read(File.ReadAllBytes(path), _settings, out var problem);
            if (envelope is null)
            {
                _error.WriteLine($"{path}: cannot be processed: {problem}.");
                return false;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _error.WriteLine($"{path}: cannot be read: {exception.Message}");
            return false;
        }

        var (bytes, sender, recipients, origin) = (envelope.Message, envelope.Sender, envelope.Recipients.ToList(), envelope.Origin);
        var authentication = Authentication(origin);
        var org = organization ?? new ApplySenderDomainOrganization(sender);
        Func<IReadOnlyList<string>, IReadOnlyList<string>> resolve = organization is OrganizationModel model
            ? submitted => Categorizer.ExpandGroups(model, submitted)
            : submitted => submitted;
        _output.WriteLine($"{path}: from {(sender.Length == 0 ? "<>" : sender)} to {recipients.Count} recipient(s), origin {origin}");
        if (envelope.Note is not null)
        {
            _output.WriteLine($"  note: {envelope.Note}");
        }

        var run = pipeline.Run(new TransportItem(sender, recipients, bytes), org, resolve, authentication, CancellationToken.None);
        var delivered = run.Delivered.ToList();
        var copies = new List<object>();
        var copy = 0;
        foreach (var step in run.Steps)
        {
            var handling = step.Handling;
            if (handling.Event == TransportEvent.Submitted)
            {
                if (handling.RecipientsAdded.Count > 0)
                {
                    _output.WriteLine($"  at submission: added {string.Join(", ", handling.RecipientsAdded)}");
                }

                continue;
            }

            var content = TakeDelivered(delivered, handling);
            if (handling.Result is null && !handling.Marked && content is null)
            {
                // Skipped for a copy an earlier event already decided (a forked item's first copy at OnRoutedMessage).
                continue;
            }

            // A copy the handler skipped (a system message: Exchange reports it, and the agent leaves it alone) is
            // delivered unchanged, and shown with the reason.
            copy++;
            var written = Write(path, copy, content);
            Print(copy, handling, written);
            copies.Add(TraceOf(handling, written));
            if (handling.Result is { } processed)
            {
                _report?.Add(path, processed);
            }
        }

        if (_settings.WriteTrace && _settings.OutputFolder is not null)
        {
            var tracePath = Path.Combine(_settings.OutputFolder, Path.GetFileName(path) + ".trace.json");
            File.WriteAllText(tracePath, JsonSerializer.Serialize(new { file = path, sender, recipients, origin = origin.ToString(), copies }, _jsonOptions));
        }

        return true;
    }

    /// <summary>The submission as Exchange would have authenticated it: an authenticated internal sender, or nothing known.</summary>
    // The organization headers Exchange would have stamped for this origin, so the handler classifies the preview
    // exactly as the agent classifies the real message (SubmissionOriginClassifier).
    private static SubmissionAuthentication Authentication(SubmissionOrigin origin) => origin switch
    {
        SubmissionOrigin.Authenticated => new SubmissionAuthentication("Internal", "exrules-apply", "04"),
        SubmissionOrigin.HybridConnector => new SubmissionAuthentication("Internal", "exrules-apply.protection.outlook.com", "04"),
        SubmissionOrigin.Anonymous => new SubmissionAuthentication("Anonymous", null, null),
        _ => new SubmissionAuthentication(null, null, null),
    };

    /// <summary>The delivered content of the copy this step decided (matched by its recipients), or <see langword="null"/> when none was delivered.</summary>
    private static byte[]? TakeDelivered(List<TransportItem> delivered, TransportHandling handling)
    {
        if (handling.Disposition is TransportDisposition.Deferred or TransportDisposition.Deleted)
        {
            return null;
        }

        var match = delivered.FirstOrDefault(item => item.Recipients.Count == handling.Recipients.Count
            && item.Recipients.All(r => handling.Recipients.Contains(r, StringComparer.OrdinalIgnoreCase)));
        if (match is null)
        {
            return null;
        }

        delivered.Remove(match);
        return match.Mime;
    }

    private string? Write(string path, int copy, byte[]? content)
    {
        if (_settings.OutputFolder is null || content is null)
        {
            return null;
        }

        var target = Path.Combine(_settings.OutputFolder, ApplyCommand.OutputName(path, copy));
        File.WriteAllBytes(target, content);
        return target;
    }

    private void Print(int copy, TransportHandling handling, string? written)
    {
        var result = handling.Result;
        var outcome = Outcome(handling);
        var reason = result is null ? handling.Reason : result.Reason;
        _output.WriteLine($"  copy {copy} to {string.Join(", ", handling.Recipients)}: {outcome}{(reason.Length > 0 ? " - " + reason : string.Empty)}");
        foreach (var rule in result?.Trace?.Rules ?? Array.Empty<RuleTrace>())
        {
            _output.WriteLine($"    rule {rule.RuleName}: {(rule.Applied ? "applied" : "not applied")}{(rule.Reason.Length > 0 ? " (" + rule.Reason + ")" : string.Empty)}");
        }

        foreach (var action in result?.ActionOutcomes ?? Array.Empty<ActionOutcome>())
        {
            _output.WriteLine($"    action {Describe(action.Action)} of rule {action.Action.RuleName}: {action.Status}{(action.Detail.Length > 0 ? " (" + action.Detail + ")" : string.Empty)}");
        }

        foreach (var note in handling.Notes)
        {
            _output.WriteLine("    note: " + note);
        }

        if (written is not null)
        {
            _output.WriteLine($"    written to {written}");
        }
    }

    private static string Outcome(TransportHandling handling)
    {
        if (handling.Result is not { } result)
        {
            return "Skipped";
        }

        if (handling.Event == TransportEvent.Routed || result.Outcome == ProcessingOutcome.Split)
        {
            return (result.Mime is null && !handling.ContentWritten ? "Unchanged" : result.Outcome == ProcessingOutcome.Split ? "Changed" : result.Outcome.ToString()) + " (split)";
        }

        return result.Outcome.ToString();
    }

    private static object TraceOf(TransportHandling handling, string? written)
    {
        var result = handling.Result;
        return new
        {
            recipients = handling.Recipients,
            outcome = result?.Outcome.ToString() ?? "Skipped",
            reason = result?.Reason ?? handling.Reason,
            @event = handling.Event.ToString(),
            output = written,
            rules = (result?.Trace?.Rules ?? Array.Empty<RuleTrace>()).Select(rule => new { rule = rule.RuleName, applied = rule.Applied, reason = rule.Reason }),
            actions = (result?.ActionOutcomes ?? Array.Empty<ActionOutcome>()).Select(action => new { rule = action.Action.RuleName, action = Describe(action.Action), status = action.Status.ToString(), detail = action.Detail, placements = action.Placements.Select(p => new { part = p.Part, marker = p.Marker, position = p.Position.ToString(), line = p.Line, offset = p.Offset }) }),
            envelopeChanges = (result?.EnvelopeChanges ?? Array.Empty<RecipientAction>()).Select(change => new { change = change.Change.ToString(), address = change.Address }),
            notes = handling.Notes,
        };
    }

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
