using System;

namespace ExchangeRules.Processing.Configuration;

/// <summary>Where the rules file is and where its last good copy is kept.</summary>
internal sealed class RulesSettings
{
    /// <summary>The rules file (local or UNC), absolute.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The local folder holding the last rules file that loaded, absolute.</summary>
    public string LastGoodFolder { get; init; } = string.Empty;

    public TimeSpan ReloadDelay { get; init; } = TimeSpan.FromSeconds(2);
}
