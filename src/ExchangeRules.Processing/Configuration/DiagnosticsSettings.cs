namespace ExchangeRules.Processing.Configuration;

/// <summary>Lab diagnostics (the configuration's <c>diagnostics</c> element); off by default.</summary>
internal sealed class DiagnosticsSettings
{
    /// <summary>Whether each transport event's facts are logged (event IDs 1100 and 1101).</summary>
    public bool TransportEvents { get; init; }
}
