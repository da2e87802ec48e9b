using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Organization;
using SmtpServer;
using SmtpServer.Authentication;

namespace ExchangeRules.Harness.Smtp;

/// <summary>
/// SMTP AUTH as a mailbox of the organisation file picks the submission side: an on-premises mailbox submits
/// on-premises, a cloud mailbox (or cloud-only object) submits to Exchange Online. Passwords are not checked.
/// </summary>
internal sealed class MailboxAuthenticator : IUserAuthenticator
{
    private readonly OrganizationModel _organization;

    public MailboxAuthenticator(OrganizationModel organization)
    {
        _organization = organization;
    }

    public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        var recipient = _organization.Find(user);
        return Task.FromResult(recipient is not null && !recipient.IsGroup && (recipient.Kind != RecipientKind.RemoteMailbox || _organization.Hybrid is not null));
    }
}
