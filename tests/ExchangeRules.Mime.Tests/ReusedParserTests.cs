using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class ReusedParserTests
{
    private const string _message = "From: a@example.com\r\nSubject: first\r\nContent-Type: text/plain\r\n\r\nbody one\r\n";
    private const string _other = "From: b@example.com\r\nSubject: second\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\ntwo\r\n--x--\r\n";

    [Fact]
    public void Rent_AfterAReturn_ParsesTheNewStreamFromScratch()
    {
        var options = ParserOptions.Default.Clone();
        var first = ReusedParser.Rent(options, Stream(_message));
        Assert.Equal("first", first.ParseMessage().Subject);
        ReusedParser.Return(first, options);

        var second = ReusedParser.Rent(options, Stream(_other));
        var message = second.ParseMessage();
        ReusedParser.Return(second, options);

        Assert.Same(first, second);
        Assert.Equal("second", message.Subject);
        Assert.Equal("two", Assert.IsType<TextPart>(Assert.IsType<Multipart>(message.Body)[0]).Text);
    }

    [Fact]
    public void Rent_WhileAnotherParserIsOut_GivesADifferentParser()
    {
        var options = ParserOptions.Default.Clone();
        var outer = ReusedParser.Rent(options, Stream(_message));
        ReusedParser.Return(outer, options);
        outer = ReusedParser.Rent(options, Stream(_message));

        var inner = ReusedParser.Rent(options, Stream(_other));

        Assert.NotSame(outer, inner);
        Assert.Equal("second", inner.ParseMessage().Subject);
        Assert.Equal("first", outer.ParseMessage().Subject);
        ReusedParser.Return(inner, options);
        ReusedParser.Return(outer, options);
    }

    [Fact]
    public void Rent_WithOtherOptions_DoesNotReuseTheIdleParser()
    {
        var shallow = ParserOptions.Default.Clone();
        shallow.MaxMimeDepth = 1;
        var parser = ReusedParser.Rent(shallow, Stream(_message));
        ReusedParser.Return(parser, shallow);

        var other = ReusedParser.Rent(ParserOptions.Default.Clone(), Stream(_other));

        Assert.NotSame(parser, other);
    }

    [Fact]
    public void Return_IdleParser_DoesNotKeepTheMessageStreamAlive()
    {
        var options = ParserOptions.Default.Clone();
        var stream = ParseAndReturn(options);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(stream.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ParseAndReturn(ParserOptions options)
    {
        var stream = Stream(_message);
        var parser = ReusedParser.Rent(options, stream);
        parser.ParseHeaders();
        ReusedParser.Return(parser, options);
        return new WeakReference(stream);
    }

    private static MemoryStream Stream(string text) => new(Encoding.ASCII.GetBytes(text));
}
