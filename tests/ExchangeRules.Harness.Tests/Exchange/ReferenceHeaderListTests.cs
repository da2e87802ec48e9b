using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Tests.Support;
using Microsoft.Exchange.Data.Mime;
using Xunit;

namespace ExchangeRules.Harness.Tests.Exchange;

/// <summary>
/// Our reference of Microsoft.Exchange.Data.Common against the documented API (reference §1.24, metadata of 2013 CU23
/// and 2019 CU11; §7 "Reference-assembly traps"): <c>HeaderList : MimeNode, IEnumerable&lt;Header&gt;</c> with
/// <c>FindNext(Header)</c>, and <c>TextHeader.Value</c> sealed.
/// </summary>
public sealed class ReferenceHeaderListTests
{
    private static HeaderList Headers(string block) =>
        new HarnessMailItem(TestFiles.Organization("hybrid.xml"), "alice@contoso.com", new[] { "bob@contoso.com" }, Encoding.ASCII.GetBytes(block + "\r\nbody\r\n"))
            .Message.RootPart.Headers;

    [Fact]
    public void HeaderList_IsEnumerable_ForeachAndLinqSeeEveryHeaderInOrder()
    {
        var headers = Headers("Received: from a\r\nFrom: alice@contoso.com\r\nReceived: from b\r\nSubject: hi\r\n");

        var names = new List<string>();
        foreach (Header header in headers)
        {
            names.Add(header.Name);
        }

        Assert.Equal(new[] { "Received", "From", "Received", "Subject" }, names);
        Assert.Equal(new[] { "from a", "from b" }, headers.Where(h => h.Name == "Received").Select(h => h.Value));
        headers.AppendChild(new TextHeader("X-Added", "1"));
        Assert.Equal("X-Added", headers.Last().Name);
    }

    [Fact]
    public void HeaderList_DeclaresTheInterfaceOnly_NoPublicGetEnumeratorThatAServerCouldLack()
    {
        Assert.True(typeof(IEnumerable<Header>).IsAssignableFrom(typeof(HeaderList)));
        Assert.Null(typeof(HeaderList).GetMethod("GetEnumerator", BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public void FindNext_ReturnsTheNextHeaderOfTheSameName_ThenNull()
    {
        var headers = Headers("Received: from a\r\nFrom: alice@contoso.com\r\nreceived: from b\r\nSubject: hi\r\n");

        var first = headers.FindFirst("Received");
        var second = headers.FindNext(first);

        Assert.Equal("from b", second.Value);
        Assert.Null(headers.FindNext(second));
    }

    [Fact]
    public void RemoveAll_RemovesEveryHeaderOfTheNameAndKeepsTheOthersInOrder()
    {
        var headers = Headers("X-A: 1\r\nFrom: alice@contoso.com\r\nx-a: 2\r\nSubject: hi\r\nX-A: 3\r\n");

        headers.RemoveAll("X-A");

        Assert.Equal(new[] { "From", "Subject" }, headers.Select(h => h.Name));
    }

    [Fact]
    public void TextHeaderValue_IsSealed_AsInExchange() =>
        Assert.True(typeof(TextHeader).GetProperty(nameof(TextHeader.Value))!.GetMethod!.IsFinal);
}
