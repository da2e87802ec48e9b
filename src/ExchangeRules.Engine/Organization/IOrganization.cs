namespace ExchangeRules.Engine.Organization;

/// <summary>
/// The organisation as the engine sees it. Inside Exchange it is built from the server's accepted
/// domains, address book and the <c>X-MS-Exchange-Organization-*</c> headers; in the harness and the CLI
/// from an organisation file. Both must give the same answers for the same situation.
/// </summary>
public interface IOrganization
{
    /// <summary>Whether the domain is one of the organisation's accepted domains (wildcards honoured).</summary>
    bool IsAcceptedDomain(string domain);

    /// <summary>Where the recipient with this SMTP address lives, as far as on-premises transport can know.</summary>
    RecipientLocation Locate(string smtpAddress);
}
