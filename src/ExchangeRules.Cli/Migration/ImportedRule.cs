using System.Collections.Generic;
using System.Xml.Linq;

namespace ExchangeRules.Cli.Migration;

/// <summary>What became of one Exchange transport rule.</summary>
internal sealed class ImportedRule
{
    public required string Name { get; init; }

    /// <summary>Exchange's priority (0 runs first); the rules file keeps this order.</summary>
    public required int Priority { get; init; }

    /// <summary>The rule element written, or <see langword="null"/> when nothing of the rule could be imported.</summary>
    public XElement? Rule { get; set; }

    /// <summary>Whether the written rule is enabled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Parts that were not imported, each with its reason.</summary>
    public List<ImportIssue> NotImported { get; } = new();

    /// <summary>Parts imported with a difference from Exchange's behaviour, and why the rule was disabled if it was.</summary>
    public List<ImportIssue> Notes { get; } = new();
}
