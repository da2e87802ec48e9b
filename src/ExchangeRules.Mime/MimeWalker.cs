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

    /// <summary>Counts parts and the deepest nesting, entering attached messages too (they cost parsing time).</summary>
    /// <exception cref="EditBudgetExceededException">The budget ran out while counting.</exception>
    public static (int Parts, int Depth) Measure(MimeEntity? root, EditBudget budget)
    {
        var parts = 0;
        var maxDepth = 0;
        var stack = new Stack<(MimeEntity Entity, int Depth)>();
        if (root is not null)
        {
            stack.Push((root, 1));
        }

        while (stack.Count > 0)
        {
            budget.Tick();
            var (entity, depth) = stack.Pop();
            parts++;
            if (depth > maxDepth)
            {
                maxDepth = depth;
            }

            if (entity is Multipart multipart)
            {
                foreach (var child in multipart)
                {
                    stack.Push((child, depth + 1));
                }
            }
            else if (entity is MessagePart { Message.Body: not null } message)
            {
                stack.Push((message.Message.Body, depth + 1));
            }
        }

        return (parts, maxDepth);
    }
}
