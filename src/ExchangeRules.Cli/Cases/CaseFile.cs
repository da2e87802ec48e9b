using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ExchangeRules.Cli.Cases;

/// <summary>A cases file for <c>exrules test</c> (format: docs/cli.md). Paths in it are relative to the file.</summary>
internal sealed class CaseFile
{
    /// <summary>The rules file the cases test; <c>--rules</c> overrides it.</summary>
    [JsonPropertyName("rules")]
    public string? Rules { get; init; }

    /// <summary>The organisation file; <c>--org</c> overrides it. Without either, each sender's domain is the organisation.</summary>
    [JsonPropertyName("org")]
    public string? Organization { get; init; }

    /// <summary>An LDIF directory export; default: the organisation file's directory.</summary>
    [JsonPropertyName("directory")]
    public string? Directory { get; init; }

    [JsonPropertyName("cases")]
    public required IReadOnlyList<TestCase> Cases { get; init; }
}
