using System;
using System.IO;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Transport;

public sealed class ProcessorTransportMarkTests : IDisposable
{
    private static readonly byte[] _message = File.ReadAllBytes(TestFiles.Path("messages", "marked-reply.eml"));
    private readonly OrganizationModel _organization = TestFiles.Organization("hybrid.xml");
    private readonly string _spool = TestFiles.TempFolder();

    public void Dispose() => System.IO.Directory.Delete(_spool, recursive: true);

    [Fact]
    public void MarkResult_EditedMessageInThePooledBuffer_ReplacesTheMarker_KeepsTheBody_AndReturnsTheBuffer()
    {
        var edited = MessageBuffer.Create(_message.Length, long.MaxValue, null, out _);
        edited.Write(_message, 0, _message.Length);
        edited.Position = 7;

        var marked = ProcessorTransport.MarkResult(edited, Array.Empty<byte>(), _organization);

        Assert.Equal(new[] { _organization.Server }, Messages.Values(marked, ProcessedMarker.Name));
        Assert.Equal(HeaderBlockTests.Body(_message), HeaderBlockTests.Body(marked));
        Assert.Equal(ProcessorTransport.Mark(_message, _organization), marked);
        Assert.False(edited.CanRead);
    }

    [Fact]
    public void MarkResult_EditedMessageSpooledToAFile_IsMarkedLikeTheSameMessageInMemory()
    {
        var edited = MessageBuffer.Create(_message.Length, inMemoryLimitBytes: 0, _spool, out var spoolFailure);
        Assert.Null(spoolFailure);
        Assert.IsType<FileStream>(edited);
        edited.Write(_message, 0, _message.Length);

        var marked = ProcessorTransport.MarkResult(edited, Array.Empty<byte>(), _organization);

        Assert.Equal(ProcessorTransport.Mark(_message, _organization), marked);
        Assert.Empty(System.IO.Directory.GetFiles(_spool));
    }

    [Fact]
    public void MarkResult_NoEditedMessage_MarksTheOriginal()
    {
        var marked = ProcessorTransport.MarkResult(null, _message, _organization);

        Assert.Equal(new[] { _organization.Server }, Messages.Values(marked, ProcessedMarker.Name));
        Assert.Equal(HeaderBlockTests.Body(_message), HeaderBlockTests.Body(marked));
    }
}
