using System;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// Gives a part new content and disposes the content it replaces. MimeKit's <see cref="MimeContent"/> has a finalizer,
/// and the content a persistent parse made reads the message's source stream: dropped undisposed, it kept the whole
/// source (the caller's buffer) alive through the next collection, so at message rates every gen0 collection promoted
/// the messages of the last few milliseconds and became a gen1 one. The source itself stays open: the parser bounds
/// it with leaveOpen.
/// </summary>
internal static class ContentReplacement
{
    /// <summary>Sets <paramref name="content"/> as the part's content and disposes the one it had (unless it is the same).</summary>
    public static void Replace(MimePart part, IMimeContent content)
    {
        var replaced = part.Content;
        part.Content = content;
        if (replaced is not null && !ReferenceEquals(replaced, content))
        {
            ((IDisposable)replaced).Dispose();
        }
    }
}
