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
            Subject = content.Subject ?? string.Empty,
            Now = _state.Context.Now,
        };
    }

    private string FirstHeader(string name)
    {
        var values = _state.Context.Content.GetHeaderValues(name);
        return values is { Count: > 0 } ? values[0] : string.Empty;
    }
}
