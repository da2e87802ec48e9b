using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Cli.Commands;

/// <summary>The options of one <c>exrules apply</c> run.</summary>
internal sealed class ApplySettings
{
    public string RulesPath { get; init; } = string.Empty;

    public string? OrganizationPath { get; init; }

    public string? DirectorySource { get; init; }

    /// <summary>The agent configuration (<c>--config</c>): its declared directory attributes, and its LDIF directory when none is given.</summary>
    public string? ConfigurationPath { get; init; }

    /// <summary>How the messages entered on-premises transport (<c>--origin</c>, or <c>--sender-authenticated</c>).</summary>
    public SubmissionOrigin Origin { get; init; }

    /// <summary>The envelope sender (<c>--from</c>); <see langword="null"/>: from the message's From or Sender header.</summary>
    public string? EnvelopeSender { get; init; }

    /// <summary>The envelope recipients (<c>--to</c>); empty: from the message's To, Cc and Bcc headers.</summary>
    public IReadOnlyList<string> EnvelopeRecipients { get; init; } = Array.Empty<string>();

    public string? OutputFolder { get; init; }

    public bool WriteTrace { get; init; }

    public bool Report { get; init; }

    public IReadOnlyList<string> Messages { get; init; } = Array.Empty<string>();
}
