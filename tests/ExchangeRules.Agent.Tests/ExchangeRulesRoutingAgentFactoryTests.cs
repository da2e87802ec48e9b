using System;
using System.IO;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Moq;
using Xunit;

namespace ExchangeRules.Agent.Tests;

public sealed class ExchangeRulesRoutingAgentFactoryTests
{
    [Fact]
    public void PublicConstructor_DoesNotThrow()
    {
        Exception? thrown = Record.Exception(() => new ExchangeRulesRoutingAgentFactory());

        Assert.Null(thrown);
    }

    [Fact]
    public void Constructor_ProcessorFailsToStart_DoesNotThrowAndAgentsStillWork()
    {
        var target = new ExchangeRulesRoutingAgentFactory(_ => throw new FileNotFoundException("rules.xml"));

        RoutingAgent agent = target.CreateAgent(Mock.Of<SmtpServer>());

        Assert.NotNull(agent);
    }

    [Fact]
    public void Constructor_PassesTheAgentDirectoryToTheProcessorSeam()
    {
        string? directory = null;

        _ = new ExchangeRulesRoutingAgentFactory(d =>
        {
            directory = d;
            return Mock.Of<IMessageProcessor>();
        });

        Assert.Equal(Path.GetDirectoryName(typeof(ExchangeRulesRoutingAgentFactory).Assembly.Location), directory);
    }

    [Fact]
    public void CreateAgent_ReturnsANewAgentEveryCall()
    {
        var target = new ExchangeRulesRoutingAgentFactory();
        SmtpServer server = Mock.Of<SmtpServer>();

        Assert.NotSame(target.CreateAgent(server), target.CreateAgent(server));
    }

    [Fact]
    public void CreateAgent_SubscribesToSubmittedResolvedAndRoutedButNotCategorized()
    {
        RoutingAgent agent = new ExchangeRulesRoutingAgentFactory().CreateAgent(Mock.Of<SmtpServer>());

        // Submitted: recipient additions (CanAdd); Resolved: content after group expansion; Routed: forked clones.
        Assert.Equal(new[] { RoutingAgent.SubmittedMessageEventTopic, RoutingAgent.ResolvedMessageEventTopic, RoutingAgent.RoutedMessageEventTopic }, agent.SubscribedEventTopics);
    }

    [Fact]
    public void Close_DisposesADisposableProcessor()
    {
        var processor = new Mock<IMessageProcessor>();
        var disposable = processor.As<IDisposable>();
        var target = new ExchangeRulesRoutingAgentFactory(_ => processor.Object);

        target.Close();

        disposable.Verify(d => d.Dispose(), Times.Once);
    }

    [Fact]
    public void Close_ProcessorDisposeThrows_DoesNotThrow()
    {
        var processor = new Mock<IMessageProcessor>();
        processor.As<IDisposable>().Setup(d => d.Dispose()).Throws(new IOException("log file locked"));
        var target = new ExchangeRulesRoutingAgentFactory(_ => processor.Object);

        Assert.Null(Record.Exception(target.Close));
    }

    [Fact]
    public void Agent_RaisedLikeExchange_GoesAsyncAndCompletes()
    {
        var processor = new Mock<IMessageProcessor>();
        processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });
        RoutingAgent agent = new ExchangeRulesRoutingAgentFactory(_ => processor.Object).CreateAgent(Mock.Of<SmtpServer>());
        var calls = new System.Collections.Generic.List<string>();
        var mailItem = new Support.FakeMailItem(Support.TestMessages.Read("internal-authenticated.eml"), new Support.FakeRecipientCollection(true, "bob@fabrikam.com"), calls);
        var args = new Mock<QueuedMessageEventArgs>();
        args.Setup(a => a.MailItem).Returns(mailItem);
        using var completed = new ManualResetEventSlim();

        AgentAsyncContext? context = agent.Invoke(
            RoutingAgent.SubmittedMessageEventTopic,
            new Support.RecordingEventSource(calls),
            args.Object,
            () => new AgentAsyncContext(_ => { }, _ => completed.Set()));

        Assert.NotNull(context);
        Assert.True(completed.Wait(TimeSpan.FromSeconds(30)));
        Assert.Null(context.AsyncException);
        processor.VerifyAll();
    }
}
