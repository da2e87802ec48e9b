using System;
using System.IO;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// One persistent MIME parser per thread, reused: a new parser allocates its read buffers for every parse, and the
/// processor parses each message twice (the header block to decide, then the whole message to edit).
/// </summary>
internal static class ReusedParser
{
    [ThreadStatic]
    private static MimeParser? _idle;

    [ThreadStatic]
    private static ParserOptions? _idleOptions;

    /// <summary>
    /// A parser with <paramref name="options"/> reading <paramref name="stream"/> from its position; give it back with
    /// <see cref="Return"/>. The idle parser is reused only for the same options instance (a parser keeps its options).
    /// </summary>
    public static MimeParser Rent(ParserOptions options, Stream stream)
    {
        var parser = _idle;
        if (parser is null || !ReferenceEquals(_idleOptions, options))
        {
            return new MimeParser(options, stream, MimeFormat.Entity, persistent: true);
        }

        // A parse nested inside another on this thread gets a parser of its own.
        _idle = null;
        _idleOptions = null;
        parser.SetStream(stream, MimeFormat.Entity, persistent: true);
        return parser;
    }

    /// <summary>Takes back a parser made with <paramref name="options"/> once its parse has ended.</summary>
    public static void Return(MimeParser parser, ParserOptions options)
    {
        // The idle parser must not keep the last message's stream alive.
        parser.SetStream(Stream.Null, MimeFormat.Entity);
        _idle = parser;
        _idleOptions = options;
    }
}
