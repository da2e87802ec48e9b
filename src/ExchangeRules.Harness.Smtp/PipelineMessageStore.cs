using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Delivery;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Topology;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ExchangeRules.Harness.Smtp;

/// <summary>Hands each accepted message to the topology simulation and writes the copies to the mail drop.</summary>
internal sealed class PipelineMessageStore : MessageStore
{
    private readonly HybridTopology _topology;
    private readonly MailDrop? _drop;
    private readonly int _maxMessageSize;
    private readonly Action<HarnessMessage> _onMessage;

    public PipelineMessageStore(HybridTopology topology, MailDrop? drop, int maxMessageSize, Action<HarnessMessage> onMessage)
    {
        _topology = topology;
        _drop = drop;
        _maxMessageSize = maxMessageSize;
        _onMessage = onMessage;
    }

    /// <summary>A transient failure: the client keeps the message and retries (RFC 5321 4.2.1, 451 "local error in processing").</summary>
    internal static SmtpResponse TransientFailure(string detail) => new(SmtpReplyCode.Aborted, "4.3.0 " + detail);

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length > _maxMessageSize)
        {
            // A client that did not declare SIZE (or declared less) learns it at the end of DATA.
            return ExchangeRecipientFilter.SizeExceeded;
        }

        var sender = transaction.From is null || string.IsNullOrEmpty(transaction.From.User) ? string.Empty : transaction.From.AsAddress();
        var recipients = AddressesOf(transaction.To);
        var entry = EntryOf(context, _topology.Organization);
        var mime = WithFinalLineBreak(buffer);
        try
        {
            var submission = new Submission(entry, sender, recipients, mime) { AuthenticatedMailbox = context.Authentication.IsAuthenticated ? context.Authentication.User : null };
            var copies = await Task.Run(() => _topology.Submit(submission, cancellationToken), cancellationToken).ConfigureAwait(false);
            _drop?.Write(copies);
            _onMessage(new HarnessMessage(entry, sender, recipients, copies));
            return SmtpResponse.Ok;
        }
#pragma warning disable CA1031 // A harness failure (a full disk included) must never lose the message: answer 451 so the client keeps and retries it.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return TransientFailure("harness failure, message not accepted: " + ex.Message);
        }
        finally
        {
            // The topology keeps no reference to the submitted bytes (every copy it delivers is a version of its own).
            ArrayPool<byte>.Shared.Return(mime.Array!);
        }
    }

    /// <summary>The envelope recipients as addresses, in a list of exactly their number.</summary>
    internal static List<string> AddressesOf(IList<IMailbox> mailboxes)
    {
        var addresses = new List<string>(mailboxes.Count);
        foreach (var mailbox in mailboxes)
        {
            // The package's AsAddress formats each address with string.Format; 10,000 of them per message in scenario 7.
            addresses.Add(string.IsNullOrWhiteSpace(mailbox.User) || string.IsNullOrWhiteSpace(mailbox.Host) ? mailbox.AsAddress() : string.Concat(mailbox.User, "@", mailbox.Host));
        }

        return addresses;
    }

    /// <summary>
    /// The message in one buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it), ending with the
    /// line break before the terminating "." (RFC 5321 4.1.1.4: that CRLF belongs to the message). A message to many
    /// recipients is large (10,000 addresses in To: 300 KB): an array of its own per message was a large-object-heap
    /// allocation, and using up that heap's budget starts a blocking gen2 collection.
    /// </summary>
    internal static ArraySegment<byte> WithFinalLineBreak(ReadOnlySequence<byte> buffer)
    {
        var length = checked((int)buffer.Length);
        Span<byte> last = stackalloc byte[2];
        if (length >= 2)
        {
            buffer.Slice(length - 2).CopyTo(last);
        }

        var complete = length >= 2 && last[0] == '\r' && last[1] == '\n';
        var size = complete ? length : length + 2;
        var mime = ArrayPool<byte>.Shared.Rent(size);
        buffer.CopyTo(mime);
        if (!complete)
        {
            mime[size - 2] = (byte)'\r';
            mime[size - 1] = (byte)'\n';
        }

        return new ArraySegment<byte>(mime, 0, size);
    }

    internal static EntryPoint EntryOf(ISessionContext context, OrganizationModel organization)
    {
        if (!context.Authentication.IsAuthenticated)
        {
            return EntryPoint.Internet;
        }

        var user = organization.Find(context.Authentication.User);
        return user is { LivesInCloud: true } ? EntryPoint.CloudMailbox : EntryPoint.OnPremisesMailbox;
    }
}
