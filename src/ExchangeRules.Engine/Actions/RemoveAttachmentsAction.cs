using System.Collections.Generic;

namespace ExchangeRules.Engine.Actions;

/// <summary>Remove attachments whose file name matches one of the wildcard patterns or whose media type is listed.</summary>
public sealed class RemoveAttachmentsAction : PlannedAction
{
    /// <summary>Creates the action (<paramref name="specialMessages"/>: see <see cref="PlannedAction.SpecialMessages"/>; <see langword="null"/> for the default).</summary>
    public RemoveAttachmentsAction(string ruleName, FailurePolicy failurePolicy, IReadOnlyList<string> fileNamePatterns, IReadOnlyList<string> mediaTypes, SpecialMessagePolicy? specialMessages = null)
        : base(ruleName, failurePolicy, specialMessages)
    {
        FileNamePatterns = fileNamePatterns;
        MediaTypes = mediaTypes;
    }

    /// <summary>Wildcard file-name patterns such as <c>*.exe</c>, matched case-insensitively.</summary>
    public IReadOnlyList<string> FileNamePatterns { get; }

    /// <summary>Media types such as <c>application/x-msdownload</c>; <c>type/*</c> matches a whole type.</summary>
    public IReadOnlyList<string> MediaTypes { get; }
}
