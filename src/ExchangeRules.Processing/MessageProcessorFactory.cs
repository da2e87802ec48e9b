using System;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Mime;
using Serilog;
using Serilog.Core;

namespace ExchangeRules.Processing;

/// <summary>
/// Builds the message processor the same way for every host — the agent's configuration, the harness, <c>exrules
/// apply</c>, <c>serve</c> and <c>demo</c> — so the editor's limits are the processor's (<see cref="ProcessingOptions"/>:
/// one definition of size, depth and time limits) and a preview decides exactly as a server would.
/// </summary>
public static class MessageProcessorFactory
{
    /// <summary>The MIME editor with the limits of <paramref name="options"/>, sealing stamps with its organisation key.</summary>
    public static IMessageEditor CreateEditor(ProcessingOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        return new MimeMessageEditor(new MessageEditorOptions
        {
            MaxMimeDepth = options.MaxMimeDepth,
            MaxMessageSize = options.MaxMessageBytes,
            MaxParts = options.MaxParts,
            MaxHeaderBytes = options.MaxHeaderBytes,
            TimeBudget = options.TimeBudget,
            StampSeal = options.OrganizationKey is null ? null : new Transport.StampSeal(options.OrganizationKey),
        });
    }

    /// <summary>A processor for the rules <paramref name="currentPlan"/> returns.</summary>
    /// <param name="currentPlan">The rules in force now, or <see langword="null"/> when none are loaded.</param>
    /// <param name="directory">Directory data, when configured.</param>
    /// <param name="options">Limits and policies; <see cref="ProcessingOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where the processor logs; nothing when <see langword="null"/>.</param>
    /// <param name="editor">The editor; the production MIME editor with <paramref name="options"/>' limits when <see langword="null"/> (tests pass fakes).</param>
    public static MessageProcessor Create(Func<IRulePlan?> currentPlan, IDirectory? directory, ProcessingOptions? options = null, ILogger? logger = null, IMessageEditor? editor = null)
    {
        var effective = options ?? ProcessingOptions.Default;
        return new MessageProcessor(currentPlan, editor ?? CreateEditor(effective), directory, effective, logger ?? Logger.None);
    }
}
