using System.Buffers;
using System.Collections.Generic;

namespace ExchangeRules.Mime;

/// <summary>
/// Pooled buffers that back the content of an edited message (spliced text parts) until that message is written. Each
/// message would otherwise allocate a new array per spliced part, as large as the part. A buffer is returned only when
/// nothing can read it any more; one that is never adopted, or never returned, is merely collected.
/// </summary>
internal sealed class RentedBuffers
{
    private List<byte[]>? _buffers;

    /// <summary>Takes over <paramref name="buffer"/>, rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public void Adopt(byte[] buffer) => (_buffers ??= new List<byte[]>(2)).Add(buffer);

    /// <summary>Returns every adopted buffer to the pool; the edited message must not be read afterwards.</summary>
    public void ReturnAll()
    {
        if (_buffers is null)
        {
            return;
        }

        foreach (var buffer in _buffers)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _buffers = null;
    }
}
