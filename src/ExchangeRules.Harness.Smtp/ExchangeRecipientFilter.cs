using System;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Organization;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ExchangeRules.Harness.Smtp;

/// <summary>
/// Answers MAIL FROM and RCPT TO the way the organisation's front door does, so a client learns at once what
/// Exchange would refuse instead of getting 250 and a silent bounce:
/// <list type="bullet">
/// <item>MAIL FROM with a SIZE over the limit: <c>552 5.3.4 Message size exceeds fixed maximum message size</c>.</item>
/// <item>An anonymous (internet) session relaying to a domain that is not accepted:
/// <c>550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain</c>. Authenticated sessions may relay.</item>
/// <item>An anonymous session to an address of an authoritative accepted domain that exists nowhere: with the MX
/// on-premises, Exchange's recipient filtering answers <c>550 5.1.1 User unknown</c>; with the MX at Exchange Online,
/// directory-based edge blocking answers <c>550 5.4.1 Recipient address rejected: Access denied</c>. An internal-relay
/// domain accepts unknown addresses (they are relayed on); an authenticated submission is accepted and the unknown
/// address bounces later with an NDR, as in Exchange.</item>
/// </list>
/// </summary>
internal sealed class ExchangeRecipientFilter : IMailboxFilter
{
    private static readonly Task<bool> _accepted = Task.FromResult(true);

    private readonly OrganizationModel _organization;
    private readonly int _maxMessageSize;

    public ExchangeRecipientFilter(OrganizationModel organization, int maxMessageSize)
    {
        _organization = organization;
        _maxMessageSize = maxMessageSize;
    }

    internal static SmtpResponse SizeExceeded { get; } = new(SmtpReplyCode.SizeLimitExceeded, "5.3.4 Message size exceeds fixed maximum message size");

    internal static SmtpResponse UnknownRecipient { get; } = new(SmtpReplyCode.MailboxUnavailable, "5.1.1 User unknown");

    internal static SmtpResponse EdgeBlocked { get; } = new(SmtpReplyCode.MailboxUnavailable, "5.4.1 Recipient address rejected: Access denied");

    internal static SmtpResponse RelayRefused { get; } = new(SmtpReplyCode.MailboxUnavailable, "5.7.54 SMTP; Unable to relay recipient in non-accepted domain");

    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        if (size > _maxMessageSize)
        {
            throw new SmtpResponseException(SizeExceeded);
        }

        return _accepted;
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        // Asked once per RCPT (10,000 times for one message in scenario 7): an authenticated session is answered without
        // building the address, and the answer is one cached task.
        if (context.Authentication.IsAuthenticated)
        {
            return _accepted;
        }

        var refusal = Refusal(authenticated: false, to.AsAddress());
        if (refusal is not null)
        {
            throw new SmtpResponseException(refusal);
        }

        return _accepted;
    }

    /// <summary>What Exchange answers to RCPT TO for this address, or <see langword="null"/> to accept it.</summary>
    internal SmtpResponse? Refusal(bool authenticated, string address)
    {
        if (authenticated)
        {
            return null;
        }

        var domain = _organization.FindAcceptedDomain(DomainOf(address));
        if (domain is null)
        {
            return RelayRefused;
        }

        if (domain.Type == AcceptedDomainType.InternalRelay || _organization.Find(address) is not null)
        {
            return null;
        }

        return _organization.Hybrid?.Mx == MxTarget.ExchangeOnline ? EdgeBlocked : UnknownRecipient;
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? string.Empty : address.Substring(at + 1);
    }
}
