using System;
using System.IO;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// A message whose header block was rewritten: the new header block (in memory), then the original's bytes from the
/// end of its header block on (read from the original stream as this stream is read). Read-only and seekable, so a
/// host can take its length and copy it as it copies any complete message; the body is copied once, by the host.
/// </summary>
internal sealed class HeaderEditedStream : Stream
{
    private readonly byte[] _head;
    private readonly Stream _source;
    private readonly long _bodyStart;
    private readonly long _length;
    private long _position;

    public HeaderEditedStream(byte[] head, Stream source, long bodyStart)
    {
        _head = head;
        _source = source;
        _bodyStart = bodyStart;
        _length = head.Length + Math.Max(0, source.Length - bodyStart);
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The position cannot be negative.");
            }

            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (buffer is null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        if (offset < 0 || count < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "The range is outside the buffer.");
        }

        if (count == 0 || _position >= _length)
        {
            return 0;
        }

        if (_position < _head.Length)
        {
            var fromHead = (int)Math.Min(count, _head.Length - _position);
            Buffer.BlockCopy(_head, (int)_position, buffer, offset, fromHead);
            _position += fromHead;
            return fromHead;
        }

        var sourcePosition = _bodyStart + (_position - _head.Length);
        if (_source.Position != sourcePosition)
        {
            _source.Position = sourcePosition;
        }

        var read = _source.Read(buffer, offset, (int)Math.Min(count, _length - _position));
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("The edited message is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The edited message is read-only.");
}
