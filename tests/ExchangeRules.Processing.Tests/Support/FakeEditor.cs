using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>
/// Reads headers with MimeKit and "edits" by writing a line per applied action in front of the original
/// message, so tests can see exactly which actions reached the editor.
/// </summary>
internal sealed class FakeEditor : IMessageEditor
{
    private Stream? _source;

    public List<IReadOnlyList<PlannedAction>> Applied { get; } = new();

    public Func<PlannedAction, bool> Fails { get; set; } = _ => false;

    public Func<IReadOnlyList<PlannedAction>, bool> Throws { get; set; } = _ => false;

    public bool ThrowOnRead { get; set; }

    /// <summary>Where applied content went per part, as the real editor reports it for placement under the newest reply.</summary>
    public IReadOnlyList<PartPlacement> Placements { get; set; } = Array.Empty<PartPlacement>();

    /// <summary>When set, Apply refuses the whole message for this limit, as MimeMessageEditor does.</summary>
    public EditLimit RefuseFor { get; set; }

    /// <summary>Runs when a message is read (a slow read: the test moves its clock here).</summary>
    public Action? OnRead { get; set; }

    public IMessageContent Read(Stream mime, SubmissionOrigin origin)
    {
        OnRead?.Invoke();
        if (ThrowOnRead)
        {
            throw new FormatException("Not a MIME message.");
        }

        _source = mime;
        var start = mime.Position;
        var content = new FakeContent { Size = mime.Length };
        foreach (var header in HeaderList.Load(mime))
        {
            content.Header(header.Field, header.Value);
        }

        var subjects = content.GetHeaderValues("Subject");
        content.Subject = subjects.Count > 0 ? subjects[0] : string.Empty;
        mime.Position = start;
        return content;
    }

    public EditResult Apply(IMessageContent message, IReadOnlyList<PlannedAction> actions, Stream destination)
    {
        Applied.Add(actions);
        if (RefuseFor != EditLimit.None)
        {
            var refused = actions.Select(action => new ActionOutcome(action, ActionStatus.Skipped, "skipped: over the " + RefuseFor + " limit; message left unchanged")).ToList();
            return new EditResult(false, refused, RefuseFor);
        }

        if (Throws(actions))
        {
            throw new InvalidOperationException("The editor broke.");
        }

        var outcomes = actions
            .Select(action => Fails(action)
                ? new ActionOutcome(action, ActionStatus.Failed, "template failed")
                : new ActionOutcome(action, ActionStatus.Applied, "applied") { Placements = Placements })
            .ToList();
        var changed = outcomes.Any(outcome => outcome.Status == ActionStatus.Applied);
        if (changed)
        {
            var stamp = string.Concat(outcomes.Where(outcome => outcome.Status == ActionStatus.Applied).Select(outcome => "X-Applied: " + Describe(outcome.Action) + "\r\n"));
            var bytes = Encoding.ASCII.GetBytes(stamp);
            destination.Write(bytes, 0, bytes.Length);
            _source!.Position = 0;
            _source.CopyTo(destination);
        }

        return new EditResult(changed, outcomes);
    }

    private static string Describe(PlannedAction action) => action switch
    {
        HeaderAction header => action.RuleName + " " + header.Name + "=" + (header.Value ?? "(removed)"),
        _ => action.RuleName,
    };
}
