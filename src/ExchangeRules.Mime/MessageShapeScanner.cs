using System;
using System.IO;
using System.Threading;
using ExchangeRules.Engine.Editing;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// Checks a message's MIME structure against the part, depth and header-size limits while reading it, before the
/// message is parsed into objects: MimeKit's <see cref="MimeReader"/> reports each entity as it is read and keeps
/// nothing, and the scan stops at the first entity over a limit. A message of 100,000 parts is refused after reading
/// its first 501, in memory that does not depend on the message.
/// </summary>
internal sealed class MessageShapeScanner : MimeReader
{
    // One scanner per thread, reused like ReusedParser: a new reader allocates its read buffers for every scan.
    [ThreadStatic]
    private static MessageShapeScanner? _idle;

    [ThreadStatic]
    private static ParserOptions? _idleOptions;

    private int _maxParts;
    private int _maxDepth;
    private int _maxHeaderBytes;
    private EditBudget _budget = EditBudget.Unlimited;
    private int _parts;
    private int _depth;
    private long _headersBegin;

    private MessageShapeScanner(ParserOptions options, Stream stream)
        : base(options, stream, MimeFormat.Entity)
    {
    }

    /// <summary>
    /// Scans the message that starts at the stream's position (the position is not restored). Returns the limit the
    /// message is over and why, or <see cref="EditLimit.None"/>.
    /// </summary>
    /// <exception cref="FormatException">MimeKit cannot read the message.</exception>
    public static (EditLimit Limit, string Detail) Scan(ParserOptions options, Stream stream, int maxParts, int maxDepth, int maxHeaderBytes, EditBudget budget)
    {
        var scanner = _idle is not null && ReferenceEquals(_idleOptions, options) ? _idle : null;
        _idle = null;
        if (scanner is null)
        {
            scanner = new MessageShapeScanner(options, stream);
        }
        else
        {
            scanner.SetStream(stream, MimeFormat.Entity);
        }

        scanner._maxParts = maxParts;
        scanner._maxDepth = maxDepth;
        scanner._maxHeaderBytes = maxHeaderBytes;
        scanner._budget = budget;
        scanner._parts = 0;
        scanner._depth = 0;
        scanner._headersBegin = 0;
        try
        {
            scanner.ReadMessage(CancellationToken.None);
            return (EditLimit.None, string.Empty);
        }
        catch (LimitReachedException reached)
        {
            return (reached.Limit, reached.Message);
        }
        catch (EditBudgetExceededException exceeded)
        {
            return (EditLimit.TimeBudget, exceeded.Message);
        }
        finally
        {
            // The idle scanner must not keep the message's stream alive.
            scanner.SetStream(Stream.Null, MimeFormat.Entity);
            _idle = scanner;
            _idleOptions = options;
        }
    }

    protected override void OnHeadersBegin(long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
    {
        _headersBegin = beginOffset;
    }

    protected override void OnHeadersEnd(long headersBeginOffset, int headersBeginLineNumber, long headersEndOffset, int headersEndLineNumber, CancellationToken cancellationToken)
    {
        if (headersEndOffset - _headersBegin > _maxHeaderBytes)
        {
            throw new LimitReachedException(EditLimit.HeaderSize, $"a header block of {headersEndOffset - _headersBegin} bytes is larger than MaxHeaderBytes ({_maxHeaderBytes} bytes)");
        }
    }

    protected override void OnHeaderRead(Header header, int beginLineNumber, CancellationToken cancellationToken)
    {
        // A header block is reported only at its end: one made of many headers is refused while it is being read.
        if (header.RawValue.Length + header.Field.Length > _maxHeaderBytes)
        {
            throw new LimitReachedException(EditLimit.HeaderSize, $"a header of {header.RawValue.Length} bytes is larger than MaxHeaderBytes ({_maxHeaderBytes} bytes)");
        }
    }

    protected override void OnMimePartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken) =>
        Enter();

    protected override void OnMimePartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken) =>
        _depth--;

    protected override void OnMultipartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken) =>
        Enter();

    protected override void OnMultipartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken) =>
        _depth--;

    protected override void OnMessagePartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken) =>
        Enter();

    protected override void OnMessagePartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken) =>
        _depth--;

    private void Enter()
    {
        _budget.Tick();
        _parts++;
        _depth++;
        if (_parts > _maxParts)
        {
            throw new LimitReachedException(EditLimit.PartCount, $"the message has more than {_maxParts} MIME parts (MaxParts)");
        }

        if (_depth > _maxDepth)
        {
            throw new LimitReachedException(EditLimit.MimeDepth, $"the MIME structure is nested deeper than MaxMimeDepth ({_maxDepth})");
        }
    }

    /// <summary>Ends the scan at the first entity over a limit.</summary>
    private sealed class LimitReachedException : Exception
    {
        public LimitReachedException(EditLimit limit, string message)
            : base(message)
        {
            Limit = limit;
        }

        public EditLimit Limit { get; }
    }
}
