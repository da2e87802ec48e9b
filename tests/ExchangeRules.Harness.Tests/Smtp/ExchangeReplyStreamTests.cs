using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Smtp;
using Xunit;

namespace ExchangeRules.Harness.Tests.Smtp;

/// <summary>Replies to pipelined commands go out together (RFC 2920 3.1), each other reply at once, all of them in Exchange's words.</summary>
public class ExchangeReplyStreamTests
{
    [Fact]
    public async Task FlushAsync_WhileMoreInputWaits_HoldsTheReplies_ThenSendsThemInOneWrite()
    {
        var connection = new RecordingStream();
        var inputWaiting = true;
        using var replies = new ExchangeReplyStream(connection, () => inputWaiting);

        foreach (var reply in new[] { "250 2.1.0 Sender OK\r\n", "250 2.1.5 Recipient OK\r\n", "550 5.1.1 User unknown, 4 retry(ies) remaining.\r\n" })
        {
            await ReplyAsync(replies, reply);
        }

        Assert.Empty(connection.Writes);

        inputWaiting = false;
        await ReplyAsync(replies, "354 Start mail input\r\n");

        var sent = Assert.Single(connection.Writes);
        Assert.Equal("250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n550 5.1.1 User unknown\r\n354 Start mail input\r\n", sent);
    }

    [Fact]
    public async Task FlushAsync_WithoutWaitingInput_SendsEachReplyAtOnce()
    {
        // A client that waits for every reply (no pipelining) must never wait for a held one.
        var connection = new RecordingStream();
        using var replies = new ExchangeReplyStream(connection, () => false);

        await ReplyAsync(replies, "250 2.1.0 Sender OK\r\n");
        await ReplyAsync(replies, "250 2.1.5 Recipient OK\r\n");

        Assert.Equal(new[] { "250 2.1.0 Sender OK\r\n", "250 2.1.5 Recipient OK\r\n" }, connection.Writes);
    }

    [Fact]
    public async Task FlushAsync_HeldRepliesReachTheLimit_AreSentEvenWhileInputWaits()
    {
        var connection = new RecordingStream();
        using var replies = new ExchangeReplyStream(connection, () => true);

        for (var i = 0; i < 2_000; i++)
        {
            await ReplyAsync(replies, "250 2.1.5 Recipient OK\r\n");
        }

        Assert.NotEmpty(connection.Writes);
        Assert.All(connection.Writes, write => Assert.True(write.Length <= (16 * 1024) + 64));
    }

    [Fact]
    public async Task Dispose_SendsTheRepliesStillHeld()
    {
        var connection = new RecordingStream();
        var replies = new ExchangeReplyStream(connection, () => true);
        await ReplyAsync(replies, "250 2.1.5 Recipient OK\r\n");

        replies.Dispose();

        Assert.Equal(new[] { "250 2.1.5 Recipient OK\r\n" }, connection.Writes);
    }

    [Fact]
    public void Flush_ALineWithoutItsLineBreak_IsSentRewritten_AndTheLineBreakAfterIt()
    {
        var connection = new RecordingStream();
        using var replies = new ExchangeReplyStream(connection, () => false);

        replies.Write(Encoding.ASCII.GetBytes("552 size limit exceeded"));
        replies.Flush();
        replies.Write(Encoding.ASCII.GetBytes("\r\n"));
        replies.Flush();

        Assert.Equal("552 5.3.4 Message size exceeds fixed maximum message size\r\n", string.Concat(connection.Writes));
    }

    private static async Task ReplyAsync(Stream replies, string reply)
    {
        await replies.WriteAsync(Encoding.ASCII.GetBytes(reply));
        await replies.FlushAsync(CancellationToken.None);
    }

    /// <summary>The connection: every write as text, in order.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<string> Writes { get; } = new();

        public override void Write(byte[] buffer, int offset, int count) => Writes.Add(Encoding.ASCII.GetString(buffer, offset, count));

        public override void Write(System.ReadOnlySpan<byte> buffer) => Writes.Add(Encoding.ASCII.GetString(buffer));

        public override ValueTask WriteAsync(System.ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(Encoding.ASCII.GetString(buffer.Span));
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }
    }
}
