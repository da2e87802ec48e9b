using System.Collections.Generic;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>Walks a MIME tree in document order without entering attached messages.</summary>
internal static class MimeWalker
{
    public static IEnumerable<MimeEntity> Walk(MimeEntity? root)
    {
        if (root is null)
        {
            yield break;
        }

        var stack = new Stack<MimeEntity>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            yield return entity;
            if (entity is Multipart multipart)
            {
                for (var i = multipart.Count - 1; i >= 0; i--)
                {
                    stack.Push(multipart[i]);
                }
            }
        }
    }
}
