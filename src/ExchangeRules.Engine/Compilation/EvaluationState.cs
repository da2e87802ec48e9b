using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Engine.Compilation;

/// <summary>
/// Per-message evaluation state: the context, the recipient being evaluated (for per-recipient rules) and
/// lazily computed facts, so each header, body or directory lookup happens at most once per message.
/// </summary>
internal sealed class EvaluationState
{
    private static readonly IReadOnlyList<string> _noAddresses = Array.Empty<string>();
    private Dictionary<string, RecipientLocation>? _locations;
    private Dictionary<string, DirectoryEntry?>? _entries;
    private Dictionary<string, string>? _domains;
    private string? _importance;
    private IReadOnlyList<string>? _toAddresses;
    private IReadOnlyList<string>? _ccAddresses;
    private string? _sensitivity;
    private string? _fromAddress;
    private string? _bodyText;
    private string? _newestPartText;
    private IReadOnlyList<AttachmentInfo>? _attachments;
    private bool? _senderInside;

    public EvaluationState(MessageContext context)
    {
        Context = context;
    }

    public MessageContext Context { get; }

    /// <summary>The envelope recipient a per-recipient rule is being evaluated for; null for message-level evaluation.</summary>
    public string? Recipient { get; set; }

    /// <summary>The condition that decided the last evaluation (for the trace).</summary>
    public Condition? Decider { get; set; }

    /// <summary>
    /// While set, message-type conditions see the message as if it had none of the body kinds
    /// (<see cref="MessageTypeCondition.BodyKinds"/>): used to tell a body exemption from a whole-message exemption.
    /// </summary>
    public bool BodyKindsIgnored { get; set; }

    public string EnvelopeSender => Context.Envelope.Sender;

    /// <summary>The first address of the From header, or the envelope sender when there is none.</summary>
    public string FromAddress
    {
        get
        {
            if (_fromAddress is null)
            {
                var from = Context.Content.GetHeaderAddresses("From");
                _fromAddress = from.Count > 0 ? from[0] : Context.Envelope.Sender;
            }

            return _fromAddress;
        }
    }

    public string BodyText => _bodyText ??= Context.Content.GetBodyText() ?? string.Empty;

    public string NewestPartText => _newestPartText ??= Context.Content.GetNewestPartText() ?? string.Empty;

    public IReadOnlyList<AttachmentInfo> Attachments => _attachments ??= Context.Content.GetAttachments() ?? Array.Empty<AttachmentInfo>();

    /// <summary>
    /// Whether the sender is inside the organisation: the message was submitted by an authenticated client or
    /// came over the hybrid connector, and the sender's domain is accepted. A From header alone never suffices.
    /// </summary>
    public bool SenderInside => _senderInside ??= IsInside(FromAddress);

    public bool IsInside(string senderAddress)
    {
        var origin = Context.Envelope.Origin;
        if (origin != SubmissionOrigin.Authenticated && origin != SubmissionOrigin.HybridConnector)
        {
            return false;
        }

        var domain = Domain(senderAddress);
        return domain.Length > 0 && Context.Organization.IsAcceptedDomain(domain);
    }

    /// <summary>The domain of an address, split once per message (addresses repeat across rules).</summary>
    public string Domain(string address)
    {
        _domains ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_domains.TryGetValue(address, out var domain))
        {
            domain = AddressParts.Domain(address);
            _domains[address] = domain;
        }

        return domain;
    }

    /// <summary>The importance (high, normal, low) from the Importance, X-Priority or Priority header.</summary>
    public string Importance => _importance ??= HeaderLevelCondition.Importance(HeaderValues);

    /// <summary>The sensitivity (normal, personal, private, confidential) from the Sensitivity header.</summary>
    public string Sensitivity => _sensitivity ??= HeaderLevelCondition.Sensitivity(HeaderValues);

    private IReadOnlyList<string> HeaderValues(string name) => Context.Content.GetHeaderValues(name) ?? _noAddresses;

    public RecipientLocation Locate(string address)
    {
        _locations ??= new Dictionary<string, RecipientLocation>(StringComparer.OrdinalIgnoreCase);
        if (!_locations.TryGetValue(address, out var location))
        {
            location = Context.Organization.Locate(address);
            _locations[address] = location;
        }

        return location;
    }

    public bool IsRecipientInside(string address) => Locate(address) != RecipientLocation.External;

    /// <summary>The direction of the copy for one recipient, or of the whole message when <paramref name="recipient"/> is null.</summary>
    public MessageDirection DirectionFor(string? recipient)
    {
        if (!SenderInside)
        {
            return MessageDirection.Incoming;
        }

        if (recipient is not null)
        {
            return IsRecipientInside(recipient) ? MessageDirection.Internal : MessageDirection.Outgoing;
        }

        foreach (var each in Context.Envelope.Recipients)
        {
            Context.CancellationToken.ThrowIfCancellationRequested();
            if (!IsRecipientInside(each))
            {
                return MessageDirection.Outgoing;
            }
        }

        return MessageDirection.Internal;
    }

    public DirectoryEntry? FindEntry(string address)
    {
        if (Context.Directory is null || address.Length == 0)
        {
            return null;
        }

        _entries ??= new Dictionary<string, DirectoryEntry?>(StringComparer.OrdinalIgnoreCase);
        if (!_entries.TryGetValue(address, out var entry))
        {
            entry = Context.Directory.FindBySmtpAddress(address);
            _entries[address] = entry;
        }

        return entry;
    }

    /// <summary>The addresses of an address header; To and Cc are read once per message.</summary>
    public IReadOnlyList<string> HeaderAddresses(string headerName)
    {
        if (string.Equals(headerName, "To", StringComparison.OrdinalIgnoreCase))
        {
            return _toAddresses ??= Context.Content.GetHeaderAddresses("To") ?? _noAddresses;
        }

        if (string.Equals(headerName, "Cc", StringComparison.OrdinalIgnoreCase))
        {
            return _ccAddresses ??= Context.Content.GetHeaderAddresses("Cc") ?? _noAddresses;
        }

        return Context.Content.GetHeaderAddresses(headerName) ?? _noAddresses;
    }
}
