namespace ExchangeRules.Processing.Transport;

/// <summary>
/// Implemented by processors that have a configuration (<see cref="ProcessingHost"/>): the organisation key the
/// transport handler signs and verifies processed markers with. Hosts use no key for any other processor.
/// </summary>
public interface IOrganizationKeySource
{
    /// <summary>The configured key, or <see langword="null"/> when none is configured.</summary>
    OrganizationKey? OrganizationKey { get; }
}
