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
/// <para>
/// Replies to pipelined commands go out together (RFC 2920 section 3.1: the server may hold the replies to a group of
/// commands and send them as a unit once it has read all the input the client sent). The package flushes after every
/// reply, which for 10,000 pipelined RCPT commands was 10,000 sends and 10,000 reads on the client's side; a flush
/// while more of the client's input is waiting to be read is held, any other flush sends everything held so far.
/// </para>
/// </summary>
internal sealed class ExchangeReplyStream : Stream
{
    /// <summary>Held replies are sent at this size even while input waits, so a long pipeline never holds much.</summary>
    private const int _heldLimit = 16 * 1024;

    private static readonly Regex _retryCounter = new(@", \d+ retry\(ies\) remaining\.?(?=\r?\n?$)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex _sizeExceeded = new(@"^552 size limit exceeded(?=\r?\n?$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private readonly Stream _inner;
    private readonly Func<bool> _inputWaiting;
    private readonly MemoryStream _pending = new();
    private readonly MemoryStream _held = new();

    /// <summary>Creates the stream.</summary>
    /// <param name="inner">The connection.</param>
    /// <param name="inputWaiting">Whether more of the client's input is waiting to be read (pipelined commands); replies are held meanwhile.</param>
    public ExchangeReplyStream(Stream inner, Func<bool> inputWaiting)
    {
        _inner = inner;
        _inputWaiting = inputWaiting;
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
        if (SendHeld())
        {
            _inner.Flush();
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        WritePartialLine();
        if (MustSend())
        {
            await _inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken).ConfigureAwait(false);
            _held.SetLength(0);
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            SendHeldBeforeClosing();
            _pending.Dispose();
            _held.Dispose();
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

            Hold(bytes, start, i + 1 - start);
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
            Hold(_pending.GetBuffer(), 0, (int)_pending.Length);
            _pending.SetLength(0);
        }
    }

    private void Hold(byte[] bytes, int offset, int count)
    {
        // Only a refusal (4xx, 5xx) carries the retry counter or the size text; the 10,000 replies of 10,000 accepted
        // recipients are copied as they are, without a string and two regular expressions each.
        if (count == 0 || bytes[offset] is not ((byte)'4' or (byte)'5'))
        {
            _held.Write(bytes, offset, count);
            return;
        }

        var rewritten = Encoding.ASCII.GetBytes(Rewrite(Encoding.ASCII.GetString(bytes, offset, count)));
        _held.Write(rewritten, 0, rewritten.Length);
    }

    /// <summary>Whether the held replies go out now: there are some, and no more input waits (or they reached the limit).</summary>
    private bool MustSend() => _held.Length > 0 && (_held.Length >= _heldLimit || !_inputWaiting());

    /// <summary>Sends the held replies unless more input waits; whether anything was sent.</summary>
    private bool SendHeld()
    {
        if (!MustSend())
        {
            return false;
        }

        _inner.Write(_held.GetBuffer(), 0, (int)_held.Length);
        _held.SetLength(0);
        return true;
    }

    /// <summary>A session the server ends while the client still pipelines (421, shutdown) gets the replies it was owed.</summary>
    private void SendHeldBeforeClosing()
    {
        try
        {
            WritePartialLine();
            if (_held.Length > 0)
            {
                _inner.Write(_held.GetBuffer(), 0, (int)_held.Length);
                _held.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The client is gone: nobody is left to read the replies.
        }
    }
}
