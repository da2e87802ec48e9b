using System.Collections.Generic;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>The recent-results cache computes a key once, whether the same instance or an equal string comes back.</summary>
public sealed class RecentResultsTests
{
    [Fact]
    public void Get_SameInstanceAndEqualStrings_ComputeOncePerKey()
    {
        var computed = new List<string>();
        var cache = new RecentResults<string>(key =>
        {
            computed.Add(key);
            return key.ToUpperInvariant();
        });
        var block = new string('a', 300);
        var other = new string('b', 300);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new string('A', 300), cache.Get(block));
            Assert.Equal(new string('B', 300), cache.Get(other));
            Assert.Equal(new string('A', 300), cache.Get(new string('a', 300)));
        }

        Assert.Equal(new[] { block, other }, computed);
    }

    [Fact]
    public void Get_MoreKeysThanTheRecentSlots_EachGetsItsOwnResult()
    {
        var cache = new RecentResults<int>(key => key.Length);
        var keys = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            keys.Add(new string('x', i));
        }

        for (var round = 0; round < 2; round++)
        {
            foreach (var key in keys)
            {
                Assert.Equal(key.Length, cache.Get(key));
            }
        }
    }

    [Fact]
    public void Get_KeyLongerThanTheLimit_IsComputedEachTime()
    {
        var computed = 0;
        var cache = new RecentResults<int>(
            key =>
            {
                computed++;
                return key.Length;
            },
            maxKeyLength: 8);
        var key = new string('x', 9);

        Assert.Equal(9, cache.Get(key));
        Assert.Equal(9, cache.Get(key));
        Assert.Equal(2, computed);
    }
}
