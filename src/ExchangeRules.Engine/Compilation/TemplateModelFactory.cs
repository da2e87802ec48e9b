using System;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Engine.Compilation;

/// <summary>Builds the template model for one message once (directory lookups included) and stamps the rule name per rule.</summary>
internal sealed class TemplateModelFactory
{
    private readonly EvaluationState _state;
    private TemplateModel? _base;

    public TemplateModelFactory(EvaluationState state)
    {
        _state = state;
    }

    /// <summary>A model for actions that render nothing.</summary>
    public static TemplateModel None { get; } = new();

    public TemplateModel For(string ruleName)
    {
        var model = _base ??= Build();
        return new TemplateModel
        {
            SenderAddress = model.SenderAddress,
            SenderDisplayName = model.SenderDisplayName,
            Sender = model.Sender,
            OnBehalfOf = model.OnBehalfOf,
            Subject = model.Subject,
            Now = model.Now,
            RuleName = ruleName,
        };
    }

    private TemplateModel Build()
    {
        var content = _state.Context.Content;
        var from = _state.FromAddress;
        var senderHeader = MailboxText.Address(FirstHeader("Sender"));
        var actingSender = senderHeader.Length > 0 ? senderHeader : from;
        var onBehalf = !string.Equals(actingSender, from, StringComparison.OrdinalIgnoreCase);
        return new TemplateModel
        {
            SenderAddress = from,
            SenderDisplayName = MailboxText.DisplayName(FirstHeader("From")),
            Sender = _state.FindEntry(onBehalf ? actingSender : from),
            OnBehalfOf = onBehalf ? _state.FindEntry(from) : null,
            Subject = ForDisplay(content.Subject ?? string.Empty),
            Now = _state.Context.Now,
        };
    }

    /// <summary>
    /// The subject as templates print it: at most <see cref="MaxSubjectLength"/> characters, cut at a whole character
    /// and ended with an ellipsis. A sender chooses the subject; a 44,000-character one would otherwise push the
    /// rendered block over the template output limit and fail the rule.
    /// </summary>
    internal static string ForDisplay(string subject)
    {
        if (subject.Length <= MaxSubjectLength)
        {
            return subject;
        }

        var cut = MaxSubjectLength;
        if (char.IsHighSurrogate(subject[cut - 1]))
        {
            cut--;
        }

        return subject.Substring(0, cut) + "\u2026";
    }

    /// <summary>The longest subject a template prints, in characters (RFC 5322 lines are at most 998 characters).</summary>
    internal const int MaxSubjectLength = 998;

    private string FirstHeader(string name)
    {
        var values = _state.Context.Content.GetHeaderValues(name);
        return values is { Count: > 0 } ? values[0] : string.Empty;
    }
}
