using System;
using System.IO;
using Xunit;

namespace ExchangeRules.Agent.Tests;

public sealed class DependencyResolverTests
{
    private static readonly string _agentDirectory = AppContext.BaseDirectory;

    [Fact]
    public void FindCandidate_DependencyInTheAgentFolder_AnyVersion_IsFound()
    {
        string? path = DependencyResolver.FindCandidate(_agentDirectory, "MimeKit, Version=1.2.0.0, Culture=neutral, PublicKeyToken=bede1c8a46c66814");

        Assert.Equal(Path.Combine(_agentDirectory, "MimeKit.dll"), path);
    }

    [Theory]
    [InlineData("Microsoft.Exchange.Data.Transport, Version=15.0.1474.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    [InlineData("NotShipped.Library, Version=1.0.0.0")]
    [InlineData("")]
    public void FindCandidate_ExchangeOrUnknownOrBadName_IsNotResolved(string requestedName)
    {
        Assert.Null(DependencyResolver.FindCandidate(_agentDirectory, requestedName));
    }
}
