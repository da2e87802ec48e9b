using System;
using System.Collections.Generic;
using System.IO;
using ExchangeRules.Engine.Messages;
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
            var headers = HeaderList.Load(ParserOptions.Default, mime);
            var names = new List<string>();
            foreach (var header in headers)
            {
                if (IsOwn(header.Field) && !names.Exists(name => string.Equals(name, header.Field, StringComparison.OrdinalIgnoreCase)))
                {
                    names.Add(header.Field);
                }
            }

            return names;
        }
        finally
        {
            mime.Position = start;
        }
    }
}
