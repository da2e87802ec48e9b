using System;
using System.Buffers;
using System.Linq;
using System.Text;
using ExchangeRules.Harness.Smtp;
using SmtpServer.Mail;
using Xunit;

namespace ExchangeRules.Harness.Tests.Smtp;

public class PipelineMessageStoreTests
{
    [Theory]
    [InlineData("Subject: x\r\n\r\nbody\r\n", "Subject: x\r\n\r\nbody\r\n")]
    [InlineData("Subject: x\r\n\r\nbody", "Subject: x\r\n\r\nbody\r\n")]
    [InlineData("Subject: x\r\n\r\nbody\r", "Subject: x\r\n\r\nbody\r\r\n")]
    [InlineData("", "\r\n")]
    [InlineData("x", "x\r\n")]
    public void WithFinalLineBreak_EndsTheMessageWithTheLineBreakBeforeTheDot_WhateverTheSegments(string data, string expected)
    {
        foreach (var size in new[] { 1, 2, 3, 1000 })
        {
            var mime = PipelineMessageStore.WithFinalLineBreak(Segments(Encoding.ASCII.GetBytes(data), size));

            Assert.Equal(expected, Encoding.ASCII.GetString(mime.Array!, mime.Offset, mime.Count));
            ArrayPool<byte>.Shared.Return(mime.Array!);
        }
    }

    [Fact]
    public void WithFinalLineBreak_OfALargeMessage_ReusesAPooledBufferInsteadOfAllocatingOne()
    {
        // A message to 10,000 recipients is 300 KB: an array of its own per message was a large-object-heap allocation,
        // and using up that heap's budget starts a blocking gen2 collection.
        var data = Segments(Enumerable.Repeat((byte)'x', 300_000).ToArray(), 4096);
        ArrayPool<byte>.Shared.Return(PipelineMessageStore.WithFinalLineBreak(data).Array!);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var mime = PipelineMessageStore.WithFinalLineBreak(data);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        ArrayPool<byte>.Shared.Return(mime.Array!);

        Assert.Equal(300_002, mime.Count);
        Assert.Equal((byte)'\n', mime.Array![mime.Count - 1]);
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void AddressesOf_GivesWhatThePackagesAsAddressGives_InAListOfExactlyTheirNumber()
    {
        var mailboxes = Enumerable.Range(0, 3_000).Select(i => (IMailbox)new Mailbox($"user{i}", $"fabrikam{i % 50}.example")).Append(new Mailbox("postmaster", "contoso.com")).ToList();

        var addresses = PipelineMessageStore.AddressesOf(mailboxes);

        Assert.Equal(mailboxes.Select(m => m.AsAddress()), addresses);
        Assert.Equal(addresses.Count, addresses.Capacity);
    }

    /// <summary>The bytes as the SMTP package hands them over: a sequence of buffers of <paramref name="size"/> bytes.</summary>
    private static ReadOnlySequence<byte> Segments(byte[] bytes, int size)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var at = size; at < bytes.Length; at += size)
        {
            last = last.Append(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
