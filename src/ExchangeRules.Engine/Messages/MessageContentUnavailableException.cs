using System;

namespace ExchangeRules.Engine.Messages;

/// <summary>
/// Thrown by <see cref="IMessageContent"/> when a rule asks for the body, the attachments or the structure of a message
/// that is over one of the hostile-input limits (size, MIME parts, nesting, header size) or cannot be parsed. Evaluation
/// treats it as a failure of the rule that asked: a fail-closed rule defers the message, a fail-open rule is not applied.
/// Conditions that need only the headers and the envelope are still evaluated.
/// </summary>
public sealed class MessageContentUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageContentUnavailableException()
        : base("the message body is not available")
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public MessageContentUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public MessageContentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
