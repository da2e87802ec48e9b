using System;
using System.Collections.Generic;
using System.IO;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Markers;
using ExchangeRules.Mime.Writing;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// A message opened by <see cref="MimeMessageEditor"/>: the header block is parsed at once, the body only when a
/// condition or an edit asks for it. Parsing is persistent: MIME parts refer to ranges of the caller's seekable
/// stream, so attachments are never copied into memory.
/// </summary>
/// <remarks>
/// Dispose it when the message has been handled: the model parsed for evaluation and not taken over by an edit is
/// disposed then (MimeKit's models have finalizers and would otherwise survive a collection). A later read parses again.
/// </remarks>
internal sealed class MimeMessageContent : IMessageContent, IDisposable
{
    private readonly ParserOptions _parserOptions;
    private MimeMessage? _message;
    private SourceLayout? _layout;
    private Exception? _parseError;
    private MessageTraits? _traits;

    // Whether _traits were read from the structure of _message (not only from the top-level type): an edit that takes
    // the message over reuses them instead of walking the structure again.
    private bool _traitsFromStructure;
    private EditLimit? _limit;
    private string _limitDetail = string.Empty;
    private IReadOnlyList<AttachmentInfo>? _attachments;
    private string? _subject;

    // The top-level block as indexed bytes when it has the plain shape (HeaderBlockIndex), with the HeaderList built
    // from it only when a reader needs MimeKit headers; otherwise the HeaderList MimeKit parsed at once.
    private readonly HeaderBlockIndex? _index;
    private HeaderList? _headers;

    public MimeMessageContent(Stream source, long start, HeaderList headers, bool trustsStampHeader, ParserOptions parserOptions, Exception? headerError)
        : this(source, start, headers, trustsStampHeader, parserOptions, headerError, -1, MessageEditorOptions.Default)
    {
    }

    /// <param name="source">The caller's seekable stream.</param>
    /// <param name="start">Where the message starts in it.</param>
    /// <param name="headers">The top-level header block.</param>
    /// <param name="trustsSender">Whether the message came from inside the organisation: its own claims (our headers, our stamps, its kind) count.</param>
    /// <param name="parserOptions">The editor's parser options.</param>
    /// <param name="headerError">Why the header block could not be parsed, or <see langword="null"/>.</param>
    /// <param name="bodyStart">Where the body starts in the stream (after the blank line); -1 when not known.</param>
    /// <param name="limits">The editor options whose limits apply.</param>
    public MimeMessageContent(Stream source, long start, HeaderList headers, bool trustsSender, ParserOptions parserOptions, Exception? headerError, long bodyStart, MessageEditorOptions limits)
    {
        Source = source;
        Start = start;
        _headers = headers;
        TrustsStampHeader = trustsSender;
        _parserOptions = parserOptions;
        HeaderError = headerError;
        Size = Math.Max(0, source.Length - start);
        NewLine = DetectNewLine(headers, source, start);
        BodyStart = bodyStart;
        Limits = limits;
    }

    /// <summary>Opens a message whose top-level header block was indexed (<see cref="HeaderBlockIndex"/>); the body starts right after it.</summary>
    /// <param name="source">The caller's seekable stream.</param>
    /// <param name="start">Where the message starts in it.</param>
    /// <param name="index">The top-level header block, read from <paramref name="start"/>.</param>
    /// <param name="trustsSender">Whether the message came from inside the organisation: its own claims (our headers, our stamps, its kind) count.</param>
    /// <param name="parserOptions">The editor's parser options.</param>
    /// <param name="limits">The editor options whose limits apply.</param>
    public MimeMessageContent(Stream source, long start, HeaderBlockIndex index, bool trustsSender, ParserOptions parserOptions, MessageEditorOptions limits)
    {
        Source = source;
        Start = start;
        _index = index;
        TrustsStampHeader = trustsSender;
        _parserOptions = parserOptions;
        Size = Math.Max(0, source.Length - start);
        NewLine = index.FirstFieldEndsWithCrLf ? NewLineFormat.Dos : NewLineFormat.Unix;
        BodyStart = start + index.Length;
        Limits = limits;
    }

    /// <summary>Where the body starts in <see cref="Source"/> (after the header block and its blank line); -1 when not known.</summary>
    public long BodyStart { get; }

    /// <summary>The editor options whose hostile-input limits apply to this message.</summary>
    public MessageEditorOptions Limits { get; }

    /// <summary>
    /// The limit this message is over, checked once: its size, then its top-level header block, then its parts, nesting
    /// and header blocks while the message is parsed (see <see cref="StructureLimiter"/>): the parse that checks the
    /// structure is the one evaluation and editing use. Over a limit the parse is abandoned and header-level actions are
    /// all that can apply.
    /// </summary>
    public EditLimit Limit
    {
        get
        {
            if (_limit is null)
            {
                (_limit, _limitDetail) = CheckLimits();
            }

            return _limit.Value;
        }
    }

    /// <summary>Why the message is over <see cref="Limit"/>; empty when it is not.</summary>
    public string LimitDetail
    {
        get
        {
            _ = Limit;
            return _limitDetail;
        }
    }

    /// <summary>Disposes the parsed model this content still holds (none after an edit took it over); the source stays open.</summary>
    public void Dispose()
    {
        var message = _message;
        _message = null;
        _layout = null;
        message?.Dispose();
    }

    /// <summary>How many times the whole message was parsed (a test seam: one parse serves the limits, evaluation and the edit).</summary>
    internal int Parses { get; private set; }

    private (EditLimit Limit, string Detail) CheckLimits()
    {
        if (Size > Limits.MaxMessageSize)
        {
            return (EditLimit.MessageSize, $"the message ({Size} bytes) is larger than MaxMessageSize ({Limits.MaxMessageSize} bytes)");
        }

        if (BodyStart >= 0 && BodyStart - Start > Limits.MaxHeaderBytes)
        {
            return (EditLimit.HeaderSize, $"the header block ({BodyStart - Start} bytes) is larger than MaxHeaderBytes ({Limits.MaxHeaderBytes} bytes)");
        }

        var position = Source.Position;
        try
        {
            Source.Position = Start;
            (_message, _layout) = ParseFromSource();
            return (EditLimit.None, string.Empty);
        }
        catch (StructureLimitException reached)
        {
            return (reached.Limit, reached.Message);
        }
        catch (EditBudgetExceededException exceeded)
        {
            return (EditLimit.TimeBudget, exceeded.Message);
        }
        catch (Exception ex) when (ex is FormatException or IOException or ParseException or ArgumentException or NotSupportedException)
        {
            // Within the limits but not parsable: the body is unavailable (ParseError), as when the parse fails later.
            _parseError = ex;
            return (EditLimit.None, string.Empty);
        }
        finally
        {
            Source.Position = position;
        }
    }

    /// <summary>
    /// The parsed message for a rule that reads the body, the attachments or the structure.
    /// </summary>
    /// <exception cref="MessageContentUnavailableException">The message is over a limit or cannot be parsed.</exception>
    private MimeMessage RequireMessage()
    {
        var message = TryGetMessage();
        if (message is not null)
        {
            return message;
        }

        throw _parseError is null
            ? new MessageContentUnavailableException("the message body was not read: " + LimitDetail)
            : new MessageContentUnavailableException("the message body could not be parsed: " + _parseError.Message, _parseError);
    }

    public Stream Source { get; }

    public long Start { get; }

    /// <summary>
    /// The top-level headers (as parsed first; edits happen on the full message). From an indexed block they are parsed
    /// on first use, from the bytes already read: evaluation alone reads its few fields through the index.
    /// </summary>
    public HeaderList Headers => _headers ??= _index!.ToHeaderList(_parserOptions);

    /// <summary>Whether the processed-marker header is trusted (the message came from inside the organisation).</summary>
    public bool TrustsStampHeader { get; }

    /// <summary>Why the header block could not be parsed, or <see langword="null"/>.</summary>
    public Exception? HeaderError { get; }

    /// <summary>The line ending of the original message, used when writing it back.</summary>
    public NewLineFormat NewLine { get; }

    public string Subject => _subject ??= FirstSubject()?.Trim() ?? string.Empty;

    public long Size { get; }

    public MessageTraits Traits
    {
        get
        {
            if (_traits is null)
            {
                // From an indexed block the few fields the traits need are read through the index: no HeaderList.
                var fields = _index is not null && _headers is null ? TopLevelFields.Of(_index, _parserOptions) : TopLevelFields.Of(Headers);
                var traits = MessageTraitDetector.FromHeaders(fields, Subject, TrustsStampHeader);
                var message = TryGetMessage();
                traits |= message is not null
                    ? MessageTraitDetector.FromStructure(message, TrustsStampHeader)
                    : MessageTraitDetector.FromTopLevelType(Headers, TrustsStampHeader);

                _traits = traits;
                _traitsFromStructure = message is not null;
            }

            return _traits.Value;
        }
    }

    public IReadOnlyList<string> GetHeaderValues(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Array.Empty<string>();
        }

        // Called for several headers per message by the evaluator: plain loops, and no list when nothing matches.
        List<string>? values = null;
        if (_index is not null && _headers is null)
        {
            for (var i = _index.IndexOf(name); i >= 0; i = _index.IndexOf(name, i + 1))
            {
                (values ??= new List<string>(1)).Add(_index.GetValue(i, _parserOptions).Trim());
            }

            return values ?? (IReadOnlyList<string>)Array.Empty<string>();
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            var header = Headers[i];
            if (string.Equals(header.Field, name, StringComparison.OrdinalIgnoreCase))
            {
                (values ??= new List<string>(1)).Add(header.Value.Trim());
            }
        }

        return values ?? (IReadOnlyList<string>)Array.Empty<string>();
    }

    public IReadOnlyList<string> GetHeaderAddresses(string headerName)
    {
        List<string>? addresses = null;
        if (_index is not null && _headers is null)
        {
            for (var i = _index.IndexOf(headerName); i >= 0; i = _index.IndexOf(headerName, i + 1))
            {
                if (_index.ParseAddresses(i, _parserOptions) is { } list)
                {
                    AddAddresses(list, ref addresses);
                }
            }

            return addresses ?? (IReadOnlyList<string>)Array.Empty<string>();
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            var header = Headers[i];
            if (!string.Equals(header.Field, headerName, StringComparison.OrdinalIgnoreCase)
                || !InternetAddressList.TryParse(_parserOptions, header.RawValue, out var list))
            {
                continue;
            }

            AddAddresses(list, ref addresses);
        }

        return addresses ?? (IReadOnlyList<string>)Array.Empty<string>();
    }

    private static void AddAddresses(InternetAddressList list, ref List<string>? addresses)
    {
        foreach (var mailbox in list.Mailboxes)
        {
            if (!string.IsNullOrEmpty(mailbox.Address))
            {
                (addresses ??= new List<string>()).Add(mailbox.Address);
            }
        }
    }

    /// <summary>The decoded value of the first Subject field (its name in any case, as MimeKit's <see cref="HeaderId"/> lookup), or <see langword="null"/>.</summary>
    private string? FirstSubject()
    {
        if (_index is not null && _headers is null)
        {
            var field = _index.IndexOf("Subject");
            return field >= 0 ? _index.GetValue(field, _parserOptions) : null;
        }

        return Headers[HeaderId.Subject];
    }

    /// <exception cref="MessageContentUnavailableException">The message is over a limit or cannot be parsed.</exception>
    public string GetBodyText()
    {
        var message = RequireMessage();
        try
        {
            var text = message.TextBody;
            if (text is { Length: > 0 })
            {
                return text;
            }

            var html = message.HtmlBody;
            return html is { Length: > 0 } ? HtmlText.ToPlainText(html) : string.Empty;
        }
        catch (Exception ex) when (ex is FormatException or IOException or NotSupportedException or ArgumentException)
        {
            return string.Empty;
        }
    }

    /// <summary>The quoted-history markers that end the newest part (the editor sets its configured list).</summary>
    public ReplyMarkerSet ReplyMarkers { get; set; } = ReplyMarkerSet.Default;

    /// <exception cref="MessageContentUnavailableException">The message is over a limit or cannot be parsed.</exception>
    public string GetNewestPartText() => NewestPartText.Of(RequireMessage(), ReplyMarkers, TimeBudget);

    /// <summary>The longest a search of the body (the newest part's text) may take.</summary>
    public TimeSpan TimeBudget { get; set; } = MessageEditorOptions.Default.TimeBudget;

    public IReadOnlyList<AttachmentInfo> GetAttachments()
    {
        if (_attachments is not null)
        {
            return _attachments;
        }

        var message = RequireMessage();
        var list = new List<AttachmentInfo>();
        {
            var bodyParts = BodyLocator.Find(message.Body);
            foreach (var entity in MimeWalker.Walk(message.Body))
            {
                switch (entity)
                {
                    case MessagePart attached:
                        list.Add(new AttachmentInfo(attached.ContentDisposition?.FileName ?? attached.ContentType.Name ?? string.Empty, attached.ContentType.MimeType, EncodedLength(attached), false));
                        break;
                    case MimePart part when !bodyParts.Contains(part) && !(part is TextPart && !part.IsAttachment && string.IsNullOrEmpty(part.FileName)):
                        var inline = !part.IsAttachment && !string.IsNullOrEmpty(part.ContentId);
                        list.Add(new AttachmentInfo(part.FileName ?? string.Empty, part.ContentType.MimeType, DecodedSize(part), inline));
                        break;
                }
            }
        }

        _attachments = list;
        return list;
    }

    /// <summary>Parses the whole message (once); <see langword="null"/> when it is over a limit or cannot be parsed.</summary>
    public MimeMessage? TryGetMessage()
    {
        // The first call parses the message while checking the limits; a later one parses again only after an edit took it.
        if (Limit == EditLimit.None && _message is null && _parseError is null)
        {
            try
            {
                Source.Position = Start;
                (_message, _layout) = ParseFromSource();
            }
            catch (Exception ex) when (ex is FormatException or IOException or ParseException or ArgumentException or NotSupportedException)
            {
                _parseError = ex;
            }
        }

        return _message;
    }

    /// <summary>
    /// Hands the message parsed for evaluation over to an edit, which changes it: the edit does not parse the message
    /// again. Later reads parse a fresh copy; <see langword="null"/> when the message was not parsed (or not parsable).
    /// </summary>
    public (MimeMessage Message, SourceLayout Layout)? TakeParsedMessage() => TakeParsedMessage(out _);

    /// <summary>
    /// <see cref="TakeParsedMessage()"/>, with the traits evaluation read from that very message (its headers and
    /// structure, before any edit), or <see langword="null"/> when they were not computed from it: the edit need not
    /// walk the structure again.
    /// </summary>
    public (MimeMessage Message, SourceLayout Layout)? TakeParsedMessage(out MessageTraits? traits)
    {
        traits = null;
        if (_message is null || _layout is null)
        {
            return null;
        }

        if (_traitsFromStructure)
        {
            traits = _traits;
        }

        var parsed = (_message, _layout);
        _message = null;
        _layout = null;
        return parsed;
    }

    /// <summary>Parses a new, independent copy of the message model for one edit (copies of a message are edited separately).</summary>
    /// <exception cref="FormatException">The message cannot be parsed.</exception>
    public (MimeMessage Message, SourceLayout Layout) ParseFresh()
    {
        Source.Position = Start;
        return ParseFromSource();
    }

    private (MimeMessage Message, SourceLayout Layout) ParseFromSource()
    {
        Parses++;
        var parser = ReusedParser.Rent(_parserOptions, Source);
        try
        {
            return StructureLimiter.Watch(parser, Limits, new EditBudget(Limits.TimeBudget), () => SourceLayout.Parse(parser));
        }
        finally
        {
            ReusedParser.Return(parser, _parserOptions);
        }
    }

    /// <summary>Why the message could not be parsed, after <see cref="TryGetMessage"/> returned <see langword="null"/>.</summary>
    public Exception? ParseError => _parseError;

    private static long DecodedSize(MimePart part)
    {
        var length = EncodedLength(part);
        return part.ContentTransferEncoding == ContentEncoding.Base64 ? length * 3 / 4 : length;
    }

    private static long EncodedLength(MimeEntity entity)
    {
        try
        {
            return entity switch
            {
                MimePart { Content.Stream.CanSeek: true } part => part.Content.Stream.Length,
                MessagePart { Message: not null } message => message.Message.Body is MimePart { Content.Stream.CanSeek: true } inner ? inner.Content.Stream.Length : 0,
                _ => 0,
            };
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException or ObjectDisposedException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The line ending of the header block, which MimeKit keeps at the end of every raw header value, so no byte is read
    /// again; only a message without headers is probed in its first bytes.
    /// </summary>
    private static NewLineFormat DetectNewLine(HeaderList headers, Stream source, long start)
    {
        if (headers.Count > 0)
        {
            var raw = headers[0].RawValue;
            if (raw.Length > 0 && raw[raw.Length - 1] == (byte)'\n')
            {
                return raw.Length > 1 && raw[raw.Length - 2] == (byte)'\r' ? NewLineFormat.Dos : NewLineFormat.Unix;
            }
        }

        try
        {
            var position = source.Position;
            source.Position = start;
            var buffer = new byte[256];
            var read = source.Read(buffer, 0, buffer.Length);
            source.Position = position;
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
            return newline > 0 && buffer[newline - 1] == '\r' ? NewLineFormat.Dos : newline >= 0 ? NewLineFormat.Unix : NewLineFormat.Dos;
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException)
        {
            return NewLineFormat.Dos;
        }
    }
}
