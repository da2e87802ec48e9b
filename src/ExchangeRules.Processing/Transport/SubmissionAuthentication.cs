namespace ExchangeRules.Processing.Transport;

/// <summary>The raw values of the organisation authentication headers of one message; any may be missing.</summary>
/// <param name="AuthAs">The value of <see cref="OrganizationHeaders.AuthAs"/>, or <see langword="null"/>.</param>
/// <param name="AuthSource">The value of <see cref="OrganizationHeaders.AuthSource"/>, or <see langword="null"/>.</param>
/// <param name="AuthMechanism">The value of <see cref="OrganizationHeaders.AuthMechanism"/>, or <see langword="null"/>.</param>
public sealed record SubmissionAuthentication(string? AuthAs, string? AuthSource, string? AuthMechanism);
