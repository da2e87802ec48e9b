using System;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Engine.Templates;

/// <summary>The data a signature, disclaimer or banner template is rendered with.</summary>
public sealed class TemplateModel
{
    /// <summary>The sender's SMTP address.</summary>
    public string SenderAddress { get; init; } = string.Empty;

    /// <summary>The sender's display name from the From header, used when the directory has none.</summary>
    public string SenderDisplayName { get; init; } = string.Empty;

    /// <summary>The sender's directory entry (its <see cref="DirectoryEntry.Manager"/> is the manager), if found.</summary>
    public DirectoryEntry? Sender { get; init; }

    /// <summary>The mailbox the message was sent on behalf of (the From when Sender differs), if found.</summary>
    public DirectoryEntry? OnBehalfOf { get; init; }

    /// <summary>The message subject.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>When the message is being processed.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>The name of the rule whose action renders the template.</summary>
    public string RuleName { get; init; } = string.Empty;
}
