using System;
using System.Buffers;
using System.Linq;
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

        var mime = WithFinalLineBreak(buffer);
        var sender = transaction.From is null || string.IsNullOrEmpty(transaction.From.User) ? string.Empty : transaction.From.AsAddress();
        var recipients = transaction.To.Select(r => r.AsAddress()).ToList();
        var entry = EntryOf(context, _topology.Organization);
        try
        {
            var copies = await Task.Run(() => _topology.Submit(new Submission(entry, sender, recipients, mime) { AuthenticatedMailbox = context.Authentication.IsAuthenticated ? context.Authentication.User : null }, cancellationToken), cancellationToken).ConfigureAwait(false);
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
    }

    /// <summary>
    /// The message as one array, ending with the line break before the terminating "." (RFC 5321 4.1.1.4: that CRLF
    /// belongs to the message). Copied once into an array of its final size: a message to many recipients is large
    /// (10,000 addresses in To: 300 KB), and every further copy is a large-object-heap allocation.
    /// </summary>
    internal static byte[] WithFinalLineBreak(ReadOnlySequence<byte> buffer)
    {
        var length = checked((int)buffer.Length);
        Span<byte> last = stackalloc byte[2];
        if (length >= 2)
        {
            buffer.Slice(length - 2).CopyTo(last);
        }

        var complete = length >= 2 && last[0] == '\r' && last[1] == '\n';
        var mime = new byte[complete ? length : length + 2];
        buffer.CopyTo(mime);
        if (!complete)
        {
            mime[^2] = (byte)'\r';
            mime[^1] = (byte)'\n';
        }

        return mime;
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
