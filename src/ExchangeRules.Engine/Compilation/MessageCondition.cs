using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Engine.Compilation;

/// <summary>The message size is over a limit.</summary>
internal sealed class MessageSizeCondition : Condition
{
    private readonly long _bytes;

    public MessageSizeCondition(long bytes)
    {
        _bytes = bytes;
        Description = "the message is larger than " + SizeText.Format(bytes);
    }

    public override string Description { get; }

    public override ConditionCost Cost => ConditionCost.Envelope;

    protected override bool EvaluateCore(EvaluationState state) => state.Context.Content.Size > _bytes;
}

/// <summary>The message kind (new, reply, forward, ...) is one of the listed kinds.</summary>
internal sealed class MessageTypeCondition : Condition
{
    /// <summary>The traits that make a message something other than "new".</summary>
    private const MessageTraits _notNew = MessageTraits.Reply | MessageTraits.Forward | MessageTraits.AutoReply |
        MessageTraits.MeetingRequest | MessageTraits.MeetingResponse | MessageTraits.ReadReceipt | MessageTraits.DeliveryReport;

    private readonly MessageTraits _traits;
    private readonly bool _new;

    public MessageTypeCondition(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (name == "new")
            {
                _new = true;
            }
            else
            {
                _traits |= Parse(name);
            }
        }

        Description = "message type is " + string.Join(" or ", names);
    }

    public override string Description { get; }

    public override ConditionCost Cost => ConditionCost.Headers;

    public static MessageTraits Parse(string name) => name switch
    {
        "reply" => MessageTraits.Reply,
        "forward" => MessageTraits.Forward,
        "autoReply" => MessageTraits.AutoReply,
        "meetingRequest" => MessageTraits.MeetingRequest,
        "meetingResponse" => MessageTraits.MeetingResponse,
        "readReceipt" => MessageTraits.ReadReceipt,
        "deliveryReport" => MessageTraits.DeliveryReport,
        "signed" => MessageTraits.Signed,
        "encrypted" => MessageTraits.Encrypted,
        _ => MessageTraits.None,
    };

    /// <summary>
    /// The kinds that exempt a message's body rather than the message: its body cannot be changed (signed, encrypted),
    /// is never changed (reports) or is changed only by choice (meetings, TNEF). On mail from outside the organisation an
    /// exception on these kinds removes only a rule's body actions (see <see cref="EvaluationState.BodyKindsIgnored"/>).
    /// </summary>
    public const MessageTraits BodyKinds = MessageTraits.Signed | MessageTraits.Encrypted | MessageTraits.ReadReceipt |
        MessageTraits.DeliveryReport | MessageTraits.MeetingRequest | MessageTraits.MeetingResponse | MessageTraits.Tnef;

    protected override bool EvaluateCore(EvaluationState state)
    {
        var traits = state.Context.Content.Traits;
        if (state.BodyKindsIgnored)
        {
            traits &= ~BodyKinds;
        }

        return (traits & _traits) != 0 || (_new && (traits & _notNew) == 0);
    }
}

/// <summary>Importance or sensitivity, read from the headers.</summary>
internal sealed class HeaderLevelCondition : Condition
{
    private readonly bool _sensitivity;
    private readonly HashSet<string> _levels;

    public HeaderLevelCondition(bool sensitivity, IReadOnlyList<string> levels)
    {
        _sensitivity = sensitivity;
        _levels = new HashSet<string>(levels, StringComparer.OrdinalIgnoreCase);
        Description = (sensitivity ? "sensitivity is " : "importance is ") + string.Join(" or ", levels);
    }

    public override string Description { get; }

    public override ConditionCost Cost => ConditionCost.Headers;

    public static string Importance(Func<string, IReadOnlyList<string>> headers)
    {
        var importance = First(headers("Importance"))?.Trim();
        if (!string.IsNullOrEmpty(importance))
        {
            return importance!.ToLowerInvariant() switch
            {
                "high" => "high",
                "low" => "low",
                _ => "normal",
            };
        }

        var priority = First(headers("X-Priority"))?.Trim();
        if (!string.IsNullOrEmpty(priority))
        {
            return priority![0] switch
            {
                '1' or '2' => "high",
                '4' or '5' => "low",
                _ => "normal",
            };
        }

        var mimePriority = First(headers("Priority"))?.Trim().ToLowerInvariant();
        return mimePriority switch
        {
            "urgent" => "high",
            "non-urgent" => "low",
            _ => "normal",
        };
    }

    public static string Sensitivity(Func<string, IReadOnlyList<string>> headers)
    {
        var value = First(headers("Sensitivity"))?.Trim().ToLowerInvariant();
        return value switch
        {
            "personal" => "personal",
            "private" => "private",
            "company-confidential" or "confidential" => "confidential",
            _ => "normal",
        };
    }

    private static string? First(IReadOnlyList<string> values) => values.Count > 0 ? values[0] : null;

    protected override bool EvaluateCore(EvaluationState state)
    {
        return _levels.Contains(_sensitivity ? state.Sensitivity : state.Importance);
    }
}
