using System;
using System.Collections.Generic;
using System.IO;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// Reads messages for rule evaluation and stamps them with MimeKit: signatures, disclaimers and banners in every
/// body shape, subject, header and attachment changes. Everything outside the edited text parts is written from
/// the original stream unchanged; a message no action changes is not written at all. Never throws for bad input:
/// limits, policies and parse errors end up in the <see cref="EditResult"/>.
/// </summary>
/// <remarks>Instances are stateless and thread-safe; a message opened with <see cref="Read(Stream)"/> is not.</remarks>
public sealed class MimeMessageEditor : ICancellableMessageEditor
{
    private readonly MessageEditorOptions _options;

    // One instance per editor, never changed after construction: parsers are reused per options instance (ReusedParser).
    private readonly ParserOptions _parserOptions;

    /// <summary>Creates an editor with the default options.</summary>
    public MimeMessageEditor()
        : this(MessageEditorOptions.Default)
    {
    }

    /// <summary>Creates an editor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public MimeMessageEditor(MessageEditorOptions options)
    {
        _options = options?.Clone() ?? throw new ArgumentNullException(nameof(options));
        _parserOptions = CreateParserOptions();
    }

    /// <summary>
    /// Opens a message whose origin is not known: the processed-marker header (<see cref="StampHeader"/>) is not
    /// trusted. Hosts that know the origin call <see cref="Read(Stream, SubmissionOrigin)"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="mime"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="mime"/> is not readable and seekable.</exception>
    public IMessageContent Read(Stream mime) => Read(mime, SubmissionOrigin.Unknown);

    /// <summary>
    /// Opens a message (headers now, the body lazily). The stream must be seekable, stays owned by the caller and
    /// must stay open until <see cref="Apply(IMessageContent, IReadOnlyList{PlannedAction}, Stream)"/> has returned. The processed-marker header counts only when
    /// <see cref="StampHeader.IsTrusted"/> says so for <paramref name="origin"/>; on anonymous mail a spoofed header
    /// is ignored and removed if the message is rewritten.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="mime"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="mime"/> is not readable and seekable.</exception>
    public IMessageContent Read(Stream mime, SubmissionOrigin origin)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        if (!mime.CanRead || !mime.CanSeek)
        {
            throw new ArgumentException("The message stream must be readable and seekable.", nameof(mime));
        }

        var start = mime.Position;

        // A header block of the plain shape is indexed without building MimeKit headers: deciding about a message no
        // rule touches reads only a few of its fields. Any other block, or one over the limit, is parsed as before.
        var index = HeaderBlockIndex.TryRead(mime, _options.MaxHeaderBytes);
        if (index is not null)
        {
            return new MimeMessageContent(mime, start, index, origin.TrustsSenderClaims(), _parserOptions, _options) { ReplyMarkers = _options.ReplyMarkers, TimeBudget = _options.TimeBudget };
        }

        mime.Position = start;
        HeaderList headers;
        Exception? headerError = null;
        long bodyStart = -1;
        try
        {
            (headers, bodyStart) = ParseHeaders(_parserOptions, mime);
        }
        catch (Exception ex) when (ex is FormatException or IOException or ArgumentException)
        {
            // The header-only parse is strict about what precedes the first header (an mbox "From " line, garbage);
            // the full parser is lenient, so fall back to it before giving up.
            try
            {
                mime.Position = start;
                headers = new MimeParser(_parserOptions, mime, MimeFormat.Entity, persistent: true).ParseMessage().Headers;
            }
            catch (Exception inner) when (inner is FormatException or IOException or ArgumentException)
            {
                headers = new HeaderList();
                headerError = inner;
            }
        }

        return new MimeMessageContent(mime, start, headers, origin.TrustsSenderClaims(), _parserOptions, headerError, bodyStart, _options) { ReplyMarkers = _options.ReplyMarkers, TimeBudget = _options.TimeBudget };
    }

    /// <summary>
    /// Applies the body, subject, header and attachment actions; recipient and delete actions are the host's and are
    /// reported as skipped. When <see cref="EditResult.Changed"/> is <see langword="false"/> nothing usable was
    /// written to <paramref name="destination"/> and the original message must be delivered.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="message"/> was not opened by this editor type.</exception>
    public EditResult Apply(IMessageContent message, IReadOnlyList<PlannedAction> actions, Stream destination) =>
        Apply(message, actions, destination, System.Threading.CancellationToken.None);

    /// <inheritdoc />
    public EditResult Apply(IMessageContent message, IReadOnlyList<PlannedAction> actions, Stream destination, System.Threading.CancellationToken cancellationToken)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        if (actions is null)
        {
            throw new ArgumentNullException(nameof(actions));
        }

        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        if (message is not MimeMessageContent content)
        {
            throw new ArgumentException("The message must have been opened with MimeMessageEditor.Read.", nameof(message));
        }

        return new EditSession(_options, content, cancellationToken).Run(actions, destination);
    }

    /// <summary>The top-level header block and where the body starts in the stream (after the blank line).</summary>
    private static (HeaderList Headers, long BodyStart) ParseHeaders(ParserOptions parserOptions, Stream mime)
    {
        var parser = ReusedParser.Rent(parserOptions, mime);
        try
        {
            var headers = parser.ParseHeaders();
            // The parser counts offsets in the stream itself, from where it started reading.
            return (headers, parser.Position);
        }
        finally
        {
            ReusedParser.Return(parser, parserOptions);
        }
    }

    private ParserOptions CreateParserOptions()
    {
        var parserOptions = ParserOptions.Default.Clone();
        // One level more than the editing limit, so that too-deep messages are recognised rather than flattened.
        parserOptions.MaxMimeDepth = Math.Max(1, _options.MaxMimeDepth + 1);
        return parserOptions;
    }
}
