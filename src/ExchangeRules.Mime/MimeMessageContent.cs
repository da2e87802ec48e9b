using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Markers;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// A message opened by <see cref="MimeMessageEditor"/>: the header block is parsed at once, the body only when a
/// condition or an edit asks for it. Parsing is persistent: MIME parts refer to ranges of the caller's seekable
/// stream, so attachments are never copied into memory.
/// </summary>
internal sealed class MimeMessageContent : IMessageContent
{
    private readonly ParserOptions _parserOptions;
    private MimeMessage? _message;
    private Exception? _parseError;
    private MessageTraits? _traits;
    private IReadOnlyList<AttachmentInfo>? _attachments;

    public MimeMessageContent(Stream source, long start, HeaderList headers, bool trustsStampHeader, ParserOptions parserOptions, Exception? headerError)
    {
        Source = source;
        Start = start;
        Headers = headers;
        TrustsStampHeader = trustsStampHeader;
        _parserOptions = parserOptions;
        HeaderError = headerError;
        Size = Math.Max(0, source.Length - start);
        NewLine = DetectNewLine(source, start);
    }

    public Stream Source { get; }

    public long Start { get; }

    /// <summary>The top-level headers (as parsed first; edits happen on the full message).</summary>
    public HeaderList Headers { get; }

    /// <summary>Whether the processed-marker header is trusted (the message came from inside the organisation).</summary>
    public bool TrustsStampHeader { get; }

    /// <summary>Why the header block could not be parsed, or <see langword="null"/>.</summary>
    public Exception? HeaderError { get; }

    /// <summary>The line ending of the original message, used when writing it back.</summary>
    public NewLineFormat NewLine { get; }

    public string Subject => Headers[HeaderId.Subject]?.Trim() ?? string.Empty;

    public long Size { get; }

    public MessageTraits Traits
    {
        get
        {
            if (_traits is null)
            {
                var traits = MessageTraitDetector.FromHeaders(Headers, Subject);
                var message = TryGetMessage();
                if (message is not null)
                {
                    traits |= MessageTraitDetector.FromStructure(message);
                }

                _traits = traits;
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

        return Headers.Where(h => string.Equals(h.Field, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim()).ToList();
    }

    public IReadOnlyList<string> GetHeaderAddresses(string headerName)
    {
        var addresses = new List<string>();
        foreach (var value in Headers.Where(h => string.Equals(h.Field, headerName, StringComparison.OrdinalIgnoreCase)))
        {
            if (InternetAddressList.TryParse(_parserOptions, value.RawValue, out var list))
            {
                addresses.AddRange(list.Mailboxes.Select(m => m.Address).Where(a => !string.IsNullOrEmpty(a)));
            }
        }

        return addresses;
    }

    public string GetBodyText()
    {
        var message = TryGetMessage();
        if (message is null)
        {
            return string.Empty;
        }

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

    public string GetNewestPartText() => TryGetMessage() is { } message ? NewestPartText.Of(message, ReplyMarkers) : string.Empty;

    public IReadOnlyList<AttachmentInfo> GetAttachments()
    {
        if (_attachments is not null)
        {
            return _attachments;
        }

        var message = TryGetMessage();
        var list = new List<AttachmentInfo>();
        if (message is not null)
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

    /// <summary>Parses the whole message (once); <see langword="null"/> when it cannot be parsed.</summary>
    public MimeMessage? TryGetMessage()
    {
        if (_message is null && _parseError is null)
        {
            try
            {
                Source.Position = Start;
                var parser = new MimeParser(_parserOptions, Source, MimeFormat.Entity, persistent: true);
                _message = parser.ParseMessage();
            }
            catch (Exception ex) when (ex is FormatException or IOException or ParseException or ArgumentException or NotSupportedException)
            {
                _parseError = ex;
            }
        }

        return _message;
    }

    /// <summary>Parses a new, independent copy of the message model for one edit (copies of a message are edited separately).</summary>
    /// <exception cref="FormatException">The message cannot be parsed.</exception>
    public MimeMessage ParseFresh()
    {
        Source.Position = Start;
        return new MimeParser(_parserOptions, Source, MimeFormat.Entity, persistent: true).ParseMessage();
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

    private static NewLineFormat DetectNewLine(Stream source, long start)
    {
        try
        {
            source.Position = start;
            var buffer = new byte[8192];
            var read = source.Read(buffer, 0, buffer.Length);
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
            return newline > 0 && buffer[newline - 1] == '\r' ? NewLineFormat.Dos : newline >= 0 ? NewLineFormat.Unix : NewLineFormat.Dos;
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException)
        {
            return NewLineFormat.Dos;
        }
    }
}
