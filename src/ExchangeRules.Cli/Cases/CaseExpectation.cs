using System.Collections.Generic;
using System.Text.Json.Serialization;
using ExchangeRules.Cli.Replay;

namespace ExchangeRules.Cli.Cases;

/// <summary>What one recipient must receive. Every property given is checked; at least one must be given.</summary>
internal sealed class CaseExpectation
{
    /// <summary>unchanged, changed, deferred or deleted.</summary>
    [JsonPropertyName("outcome")]
    public ReplayOutcome? Outcome { get; init; }

    /// <summary>Exactly the rules that apply to the recipient (order does not matter).</summary>
    [JsonPropertyName("rules")]
    public IReadOnlyList<string>? Rules { get; init; }

    /// <summary>Exactly the blocks inserted in the recipient's copy, as <c>template@placement</c>.</summary>
    [JsonPropertyName("blocks")]
    public IReadOnlyList<string>? Blocks { get; init; }

    /// <summary>The Subject the recipient receives.</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    /// <summary>Headers the recipient's copy must carry with this value, or (null) must not carry.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string?>? Headers { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Outcome is null && Rules is null && Blocks is null && Subject is null && (Headers is null || Headers.Count == 0);
}
