using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace ExchangeRules.Harness.Smtp;

/// <summary>
/// The server's side of the connection, with two replies of the SmtpServer package put in Exchange's words: its own
/// answer to a declared SIZE over the limit (<c>552 size limit exceeded</c>, checked before any filter runs) becomes
/// Exchange's <c>552 5.3.4 Message size exceeds fixed maximum message size</c>, and the retry counter it appends to every
/// refusal (<c>550 5.1.1 User unknown, 4 retry(ies) remaining.</c>) is dropped. Everything else passes unchanged.
/// </summary>
internal sealed class ExchangeReplyStream : Stream
{
    private static readonly Regex _retryCounter = new(@", \d+ retry\(ies\) remaining\.?(?=\r?\n?$)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex _sizeExceeded = new(@"^552 size limit exceeded(?=\r?\n?$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private readonly Stream _inner;
    private readonly MemoryStream _pending = new();

    public ExchangeReplyStream(Stream inner)
    {
        _inner = inner;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>One reply line as Exchange would write it.</summary>
    internal static string Rewrite(string line)
    {
        line = _retryCounter.Replace(line, string.Empty);
        return _sizeExceeded.Replace(line, "552 " + ExchangeRecipientFilter.SizeExceeded.Message);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        WriteCompleteLines();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        WritePartialLine();
        _inner.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        WritePartialLine();
        return _inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }

    private void WriteCompleteLines()
    {
        var bytes = _pending.GetBuffer();
        var length = (int)_pending.Length;
        var start = 0;
        for (var i = 0; i < length; i++)
        {
            if (bytes[i] != (byte)'\n')
            {
                continue;
            }

            var line = Encoding.ASCII.GetString(bytes, start, i + 1 - start);
            var rewritten = Encoding.ASCII.GetBytes(Rewrite(line));
            _inner.Write(rewritten, 0, rewritten.Length);
            start = i + 1;
        }

        var rest = length - start;
        if (start > 0)
        {
            Buffer.BlockCopy(bytes, start, bytes, 0, rest);
            _pending.SetLength(rest);
        }
    }

    private void WritePartialLine()
    {
        // The package may flush a reply before its line break: the text is complete, the CRLF follows on its own.
        if (_pending.Length > 0)
        {
            var rewritten = Encoding.ASCII.GetBytes(Rewrite(Encoding.ASCII.GetString(_pending.GetBuffer(), 0, (int)_pending.Length)));
            _inner.Write(rewritten, 0, rewritten.Length);
            _pending.SetLength(0);
        }
    }
}
