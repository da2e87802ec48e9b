namespace ExchangeRules.Engine.Messages;

/// <summary>
/// Whether what a message says about itself can be believed. Mail that entered anonymously, from a partner or by an
/// unknown way came from a sender who controls every header and every byte of the body: an <c>Auto-Submitted</c>
/// header, a <c>multipart/signed</c> type, PGP armour or a stamp of ours in the HTML costs such a sender nothing.
/// Safety actions on such mail are decided by where it came from, never by what it claims.
/// </summary>
public static class SubmissionOriginTrust
{
    /// <summary>
    /// Whether the sender's own claims (headers written by the sending client, markers in the body) are trusted: only
    /// for mail submitted by an authenticated user of the organisation or received over the hybrid connector.
    /// </summary>
    public static bool TrustsSenderClaims(this SubmissionOrigin origin) =>
        origin is SubmissionOrigin.Authenticated or SubmissionOrigin.HybridConnector;
}
