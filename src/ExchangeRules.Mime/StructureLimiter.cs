using System;
using ExchangeRules.Engine.Editing;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// Enforces the part, depth and header-size limits inside the one parse of a message, from MimeKit's parser events:
/// each entity is counted as it begins (after its headers, before its content), so the parse stops at the first
/// entity over the part or depth limit. A message of 100,000 parts is refused after its first 501, in memory that does
/// not depend on the message, and a message under the limits is read once, not scanned first and parsed after.
/// </summary>
internal sealed class StructureLimiter
{
    private readonly int _maxParts;
    private readonly int _maxDepth;
    private readonly int _maxHeaderBytes;
    private readonly EditBudget _budget;
    private int _parts;
    private int _depth;

    private StructureLimiter(int maxParts, int maxDepth, int maxHeaderBytes, EditBudget budget)
    {
        _maxParts = maxParts;
        _maxDepth = maxDepth;
        _maxHeaderBytes = maxHeaderBytes;
        _budget = budget;
    }

    /// <summary>
    /// Runs <paramref name="parse"/> with the limits watching <paramref name="parser"/>'s events.
    /// </summary>
    /// <exception cref="StructureLimitException">The message is over a limit; the parse was abandoned.</exception>
    /// <exception cref="EditBudgetExceededException">The time budget ran out during the parse.</exception>
    public static T Watch<T>(MimeParser parser, MessageEditorOptions limits, EditBudget budget, Func<T> parse)
    {
        var limiter = new StructureLimiter(limits.MaxParts, limits.MaxMimeDepth, limits.MaxHeaderBytes, budget);
        EventHandler<MimeEntityBeginEventArgs> onBegin = (_, e) => limiter.Enter();
        EventHandler<MimeEntityEndEventArgs> onEnd = (_, e) => limiter.Leave(e.BeginOffset, e.HeadersEndOffset);
        EventHandler<MimeMessageEndEventArgs> onMessageEnd = (_, e) => limiter.CheckHeaders(e.BeginOffset, e.HeadersEndOffset);
        parser.MimeEntityBegin += onBegin;
        parser.MimeEntityEnd += onEnd;
        parser.MimeMessageEnd += onMessageEnd;
        try
        {
            return parse();
        }
        finally
        {
            // The parser is reused for other messages (see ReusedParser).
            parser.MimeEntityBegin -= onBegin;
            parser.MimeEntityEnd -= onEnd;
            parser.MimeMessageEnd -= onMessageEnd;
        }
    }

    private void Enter()
    {
        _budget.Tick();
        _parts++;
        _depth++;
        if (_parts > _maxParts)
        {
            throw new StructureLimitException(EditLimit.PartCount, $"the message has more than {_maxParts} MIME parts (MaxParts)");
        }

        if (_depth > _maxDepth)
        {
            throw new StructureLimitException(EditLimit.MimeDepth, $"the MIME structure is nested deeper than MaxMimeDepth ({_maxDepth})");
        }
    }

    private void Leave(long begin, long headersEnd)
    {
        _depth--;
        CheckHeaders(begin, headersEnd);
    }

    private void CheckHeaders(long begin, long headersEnd)
    {
        // A part's header block is known at its end; the parts inside it were counted (and bounded) before.
        if (headersEnd - begin > _maxHeaderBytes)
        {
            throw new StructureLimitException(EditLimit.HeaderSize, $"a header block of {headersEnd - begin} bytes is larger than MaxHeaderBytes ({_maxHeaderBytes} bytes)");
        }
    }
}

/// <summary>Ends a parse at the first entity over a limit (<see cref="StructureLimiter"/>).</summary>
internal sealed class StructureLimitException : Exception
{
    public StructureLimitException(EditLimit limit, string message)
        : base(message)
    {
        Limit = limit;
    }

    /// <summary>The limit the message is over.</summary>
    public EditLimit Limit { get; }
}
