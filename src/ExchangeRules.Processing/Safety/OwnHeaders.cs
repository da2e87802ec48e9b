using System;
using System.Collections.Generic;
using System.IO;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;
using MimeKit;

namespace ExchangeRules.Processing.Safety;

/// <summary>
/// Loop safety: the headers this product writes (<c>X-ExchangeRules-*</c>, such as the processed marker)
/// prove nothing when they arrive from outside. An internet sender could add them to stop stamping, so on
/// mail of anonymous or unknown origin they are hidden from evaluation and removed before delivery.
/// </summary>
internal static class OwnHeaders
{
    public const string Prefix = "X-ExchangeRules-";

    /// <summary>Whether headers of our own found on a message of this origin must be distrusted.</summary>
    public static bool AreUntrusted(SubmissionOrigin origin) =>
        origin is SubmissionOrigin.Anonymous or SubmissionOrigin.Unknown;

    public static bool IsOwn(string headerName) =>
        headerName.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The distinct names of our headers in the top-level header block; the stream position is restored.</summary>
    public static IReadOnlyList<string> FindIn(Stream mime)
    {
        var start = mime.Position;
        try
        {
            var names = new List<string>();

            // Every internet message passes here: a block of the plain shape is read as the editor reads it, without
            // building a MimeKit header per field (the same names in the same order, HeaderBlockIndexOracleTests); any
            // other block is parsed by MimeKit.
            var index = HeaderBlockIndex.TryRead(mime, MessageLimits.MaxHeaderBytes);
            if (index is not null)
            {
                for (var i = 0; i < index.Count; i++)
                {
                    if (index.NameStartsWith(i, Prefix))
                    {
                        AddOnce(names, index.GetName(i));
                    }
                }

                return names;
            }

            mime.Position = start;
            foreach (var header in HeaderList.Load(ParserOptions.Default, mime))
            {
                if (IsOwn(header.Field))
                {
                    AddOnce(names, header.Field);
                }
            }

            return names;
        }
        finally
        {
            mime.Position = start;
        }
    }

    private static void AddOnce(List<string> names, string field)
    {
        if (!names.Exists(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase)))
        {
            names.Add(field);
        }
    }
}
