using System.IO;
using MimeKit;

namespace ExchangeRules.Processing.Safety;

/// <summary>Measures how deeply a message nests multiparts and attached messages, without reading part contents.</summary>
internal static class MimeDepth
{
    /// <summary>Whether the message nests deeper than <paramref name="maxDepth"/>; the stream position is restored.</summary>
    public static bool Exceeds(Stream mime, int maxDepth)
    {
        var start = mime.Position;
        try
        {
            // The parser stops nesting one level past the limit, so hostile depth costs nothing extra.
            var options = ParserOptions.Default.Clone();
            options.MaxMimeDepth = maxDepth + 1;
            using var message = MimeMessage.Load(options, mime, persistent: true);
            return DepthOf(message.Body, 1) > maxDepth;
        }
        finally
        {
            mime.Position = start;
        }
    }

    private static int DepthOf(MimeEntity? entity, int depth)
    {
        var deepest = depth;
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    var childDepth = DepthOf(child, depth + 1);
                    deepest = childDepth > deepest ? childDepth : deepest;
                }

                break;
            case MessagePart { Message: not null } attached:
                deepest = DepthOf(attached.Message.Body, depth + 1);
                break;
        }

        return deepest;
    }
}
