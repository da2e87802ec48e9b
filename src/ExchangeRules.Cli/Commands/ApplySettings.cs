using System;
using System.Collections.Generic;

namespace ExchangeRules.Cli.Commands;

/// <summary>The options of one <c>exrules apply</c> run.</summary>
internal sealed class ApplySettings
{
    public string RulesPath { get; init; } = string.Empty;

    public string? OrganizationPath { get; init; }

    public string? DirectorySource { get; init; }

    public bool SenderAuthenticated { get; init; }

    public string? OutputFolder { get; init; }

    public bool WriteTrace { get; init; }

    public bool Report { get; init; }

    public IReadOnlyList<string> Messages { get; init; } = Array.Empty<string>();
}
