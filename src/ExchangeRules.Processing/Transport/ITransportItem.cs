using System;
using System.Collections.Generic;
using System.IO;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// One mail item as a transport host exposes it to <see cref="TransportHandler"/>: the envelope and the primitives
/// Exchange offers a routing agent (read and write the MIME, edit a top-level header, fork, defer, delete, add and
/// remove recipients). The Exchange agent implements it over <c>MailItem</c> and the event source, the harness and
/// <c>exrules apply</c> over an in-memory message. An implementation makes no decision; it performs what it is asked
/// and throws when the host refuses.
/// </summary>
public interface ITransportItem
{
    /// <summary>The envelope sender (MAIL FROM); empty for the null reverse path.</summary>
    string Sender { get; }

    /// <summary>The envelope recipients now on this item.</summary>
    IReadOnlyList<string> Recipients { get; }

    /// <summary>Whether the host marks the message a system message (read-only in Exchange: reports, NDRs).</summary>
    bool IsSystemMessage { get; }

    /// <summary>Whether recipients can be added in the current event (Exchange's <c>EnvelopeRecipientCollection.CanAdd</c>).</summary>
    bool CanAddRecipients { get; }

    /// <summary>
    /// How the submission was authenticated when the host knows it from outside the message (the CLI's
    /// <c>--sender-authenticated</c>); <see langword="null"/> to read the organisation headers of the message, as
    /// the agent inside Exchange does.
    /// </summary>
    SubmissionAuthentication? Authentication { get; }

    /// <summary>The message content, positioned at 0, or <see langword="null"/> when the host does not expose it. The caller disposes it.</summary>
    Stream? OpenContent();

    /// <summary>
    /// Replaces the whole message with <paramref name="content"/>, which is complete before this is called
    /// (Exchange: <c>GetMimeWriteStream</c>, copy, close). Throws when writing fails; the handler then defers the item,
    /// which makes the host restore the original content.
    /// </summary>
    void WriteContent(Stream content);

    /// <summary>
    /// Sets (replacing every existing instance) or, with a <see langword="null"/> value, removes a top-level header
    /// through the host's header API, without rewriting the body (Exchange: <c>Message.RootPart.Headers</c>).
    /// </summary>
    void SetHeader(string name, string? value);

    /// <summary>Keeps <paramref name="stay"/> on this item; the other recipients continue as a clone (Exchange's <c>Fork</c>).</summary>
    void Fork(IReadOnlyList<string> stay);

    /// <summary>Defers the item; the host restores its original content and retries it later. The item can no longer be used.</summary>
    void Defer(TimeSpan retryAfter, string reason);

    /// <summary>Deletes the item without a report. The item can no longer be used.</summary>
    void Delete(string reason);

    /// <summary>
    /// Fails every recipient with a non-delivery report to the sender (550 5.3.0): a fail-closed rule kept failing past
    /// its maximum deferral and the policy is to reject.
    /// </summary>
    /// <param name="reason">Why, for the report and the log.</param>
    void Reject(string reason);

    /// <summary>When the organisation first received the message (UTC), if the host knows: it survives deferrals, so
    /// the processor can tell how long a fail-closed rule has held the message.</summary>
    DateTimeOffset? ReceivedAt { get; }

    /// <summary>Adds a recipient; allowed only when <see cref="CanAddRecipients"/>.</summary>
    void AddRecipient(string address);

    /// <summary>Removes a recipient.</summary>
    void RemoveRecipient(string address);
}
