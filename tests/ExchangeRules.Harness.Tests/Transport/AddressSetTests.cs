using System.Linq;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Transport;

public class AddressSetTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(AddressSet.SplitAt)]
    [InlineData(AddressSet.SplitAt + 1)]
    [InlineData(10_000)]
    public void Add_ComparesWithoutRegardToCase_BeforeAndAfterTheSetIsSplit(int count)
    {
        var set = new AddressSet();
        var addresses = Enumerable.Range(0, count).Select(i => $"user{i}@fabrikam{i % 50}.example").ToList();

        Assert.All(addresses, a => Assert.True(set.Add(a)));
        Assert.All(addresses, a => Assert.False(set.Add(a.ToUpperInvariant())));
        Assert.All(addresses, a => Assert.True(set.Contains(a.ToUpperInvariant())));
        Assert.False(set.Contains("someone@else.example"));
        Assert.True(set.Add("someone@else.example"));
        Assert.Equal(count + 1, set.Count);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void Add_ManyAddresses_NoUnderlyingSetHoldsMoreThanSplitAt_SoNoneReachesTheLargeObjectHeap(int count)
    {
        // A HashSet<string> of 2,048 strings has at most 2,729 entries of 16 bytes (44 KB), below the 85,000 bytes from
        // which an array goes to the large object heap; one of 10,000 strings allocated 415 KB there per message.
        var set = new AddressSet();
        for (var i = 0; i < count; i++)
        {
            set.Add($"user{i}@fabrikam{i % 50}.example");
        }

        Assert.Equal(count, set.Count);
        Assert.InRange(set.LargestSegmentCount, 1, AddressSet.SplitAt);
    }
}
