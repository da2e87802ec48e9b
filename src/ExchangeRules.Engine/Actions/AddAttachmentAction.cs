namespace ExchangeRules.Engine.Actions;

/// <summary>Attach a file (read once at rules load).</summary>
public sealed class AddAttachmentAction : PlannedAction
{
    /// <summary>Creates the action.</summary>
    public AddAttachmentAction(string ruleName, FailurePolicy failurePolicy, string fileName, string mediaType, byte[] content)
        : base(ruleName, failurePolicy)
    {
        FileName = fileName;
        MediaType = mediaType;
        Content = content;
    }

    /// <summary>The attachment's file name.</summary>
    public string FileName { get; }

    /// <summary>The attachment's media type.</summary>
    public string MediaType { get; }

    /// <summary>The attachment's bytes (shared, never modified).</summary>
    public byte[] Content { get; }
}
