using System.Buffers;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class RentedBuffersTests
{
    [Fact]
    public void ReturnAll_CalledTwice_ReturnsEachBufferToThePoolOnce()
    {
        // A buffer returned twice would be handed to two renters at once, and two messages would share their content.
        var buffers = new RentedBuffers();
        var adopted = ArrayPool<byte>.Shared.Rent(40_000);
        buffers.Adopt(adopted);

        buffers.ReturnAll();
        buffers.ReturnAll();
        var first = ArrayPool<byte>.Shared.Rent(40_000);
        var second = ArrayPool<byte>.Shared.Rent(40_000);
        ArrayPool<byte>.Shared.Return(first);
        ArrayPool<byte>.Shared.Return(second);

        Assert.Same(adopted, first);
        Assert.NotSame(first, second);
    }
}
