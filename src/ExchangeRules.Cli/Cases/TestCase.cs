using System.Collections.Generic;
using System.Text.Json.Serialization;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Cli.Cases;

/// <summary>One case: a message, how it arrives, and what each recipient must receive.</summary>
internal sealed class TestCase
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The .eml file, relative to the cases file.</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>The SMTP envelope; default: From (or Sender) and To, Cc, Bcc of the message.</summary>
    [JsonPropertyName("envelope")]
    public CaseEnvelope? Envelope { get; init; }

    /// <summary>How the message enters on-premises transport: unknown, anonymous, authenticated, hybridConnector.</summary>
    [JsonPropertyName("origin")]
    public required SubmissionOrigin Origin { get; init; }

    /// <summary>The expected result per envelope recipient; <c>*</c> stands for every recipient not named.</summary>
    [JsonPropertyName("expect")]
    public required IReadOnlyDictionary<string, CaseExpectation> Expect { get; init; }
}

/// <summary>An envelope given in a case.</summary>
internal sealed class CaseEnvelope
{
    /// <summary>MAIL FROM; an empty string for the null reverse path.</summary>
    [JsonPropertyName("from")]
    public required string From { get; init; }

    /// <summary>RCPT TO.</summary>
    [JsonPropertyName("to")]
    public required IReadOnlyList<string> To { get; init; }
}
