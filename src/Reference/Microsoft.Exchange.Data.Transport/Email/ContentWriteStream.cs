using System;
using System.IO;

namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>A memory stream that hands its bytes to the owner when it is closed.</summary>
internal sealed class ContentWriteStream : MemoryStream
{
    private readonly Action<byte[]> _onClose;
    private bool _closed;

    internal ContentWriteStream(Action<byte[]> onClose)
    {
        _onClose = onClose;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            _onClose(ToArray());
        }

        base.Dispose(disposing);
    }
}
