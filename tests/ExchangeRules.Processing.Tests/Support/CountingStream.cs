using System.IO;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>A memory stream that counts the bytes read from it.</summary>
internal sealed class CountingStream : MemoryStream
{
    public CountingStream(byte[] bytes)
        : base(bytes, writable: false)
    {
    }

    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = base.Read(buffer, offset, count);
        BytesRead += read;
        return read;
    }
}
