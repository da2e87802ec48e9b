namespace ExchangeRules.Engine.Actions;

/// <summary>Attach a file (read once at rules load).</summary>
public sealed class AddAttachmentAction : PlannedAction
{
    /// <summary>Creates the action (<paramref name="specialMessages"/>: see <see cref="PlannedAction.SpecialMessages"/>; <see langword="null"/> for the default).</summary>
    public AddAttachmentAction(string ruleName, FailurePolicy failurePolicy, string fileName, string mediaType, byte[] content, SpecialMessagePolicy? specialMessages = null)
        : base(ruleName, failurePolicy, specialMessages)
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
