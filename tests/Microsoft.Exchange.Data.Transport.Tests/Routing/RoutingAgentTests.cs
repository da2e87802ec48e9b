using System;
using System.Collections.Generic;
using Microsoft.Exchange.Data.Transport.Routing;
using Moq;
using Xunit;

namespace Microsoft.Exchange.Data.Transport.Tests.Routing;

public sealed class RoutingAgentTests
{
    private readonly Mock<SubmittedMessageEventSource> _source = new();
    private readonly Mock<MailItem> _mailItem = new();
    private readonly Mock<QueuedMessageEventArgs> _args = new();
    private readonly List<string> _calls = new();

    public RoutingAgentTests()
    {
        _args.Setup(a => a.MailItem).Returns(_mailItem.Object);
    }

    [Fact]
    public void Subscribe_SameEventTwice_ThrowsInvalidOperationException()
    {
        var target = new TestAgent();
        target.SubscribeSubmitted((_, _) => { });

        Assert.Throws<InvalidOperationException>(() => target.SubscribeSubmitted((_, _) => { }));
    }

    [Fact]
    public void Unsubscribe_RemovesTheHandlerOfThatTopic()
    {
        var target = new TestAgent();
        SubmittedMessageEventHandler handler = (_, _) => { };
        target.SubscribeSubmitted(handler);

        target.UnsubscribeSubmitted(handler);

        Assert.False(target.HasHandler(RoutingAgent.SubmittedMessageEventTopic));
    }

    [Fact]
    public void Invoke_SynchronousHandler_SetsTopicAndMailItemAndReturnsNull()
    {
        var target = new TestAgent();
        target.SubscribeSubmitted((source, e) => _calls.Add(target.Topic + ":" + (e.MailItem == _mailItem.Object)));

        AgentAsyncContext? context = target.Invoke(RoutingAgent.SubmittedMessageEventTopic, _source.Object, _args.Object, CreateContext);

        Assert.Null(context);
        Assert.Equal(new[] { "OnSubmittedMessage:True" }, _calls);
        Assert.Same(_mailItem.Object, target.MailItem);
    }

    [Fact]
    public void Invoke_HandlerGoesAsync_ReturnsTheContextAndReportsResumeThenComplete()
    {
        var target = new TestAgent();
        target.SubscribeSubmitted((_, _) =>
        {
            AgentAsyncContext context = target.TakeAsyncContext();
            context.Resume();
            context.Complete();
        });

        AgentAsyncContext? context = target.Invoke(RoutingAgent.SubmittedMessageEventTopic, _source.Object, _args.Object, CreateContext);

        Assert.NotNull(context);
        Assert.True(context.IsCompleted);
        Assert.Equal(new[] { "resume", "complete" }, _calls);
    }

    [Fact]
    public void GetAgentAsyncContext_TwiceInOneEvent_Throws()
    {
        var target = new TestAgent();
        Exception? second = null;
        target.SubscribeSubmitted((_, _) =>
        {
            target.TakeAsyncContext();
            second = Record.Exception(() => target.TakeAsyncContext());
        });

        target.Invoke(RoutingAgent.SubmittedMessageEventTopic, _source.Object, _args.Object, CreateContext);

        Assert.IsType<InvalidOperationException>(second);
    }

    [Fact]
    public void GetAgentAsyncContext_OutsideAnEvent_Throws()
    {
        var target = new TestAgent();

        Assert.Throws<InvalidOperationException>(() => target.TakeAsyncContext());
    }

    [Fact]
    public void Complete_Twice_Throws()
    {
        var context = new AgentAsyncContext(_ => { }, _ => { });
        context.Complete();

        Assert.Throws<InvalidOperationException>(context.Complete);
    }

    [Fact]
    public void Invoke_HandlerThrows_ExceptionReachesTheHost()
    {
        var target = new TestAgent();
        target.SubscribeSubmitted((_, _) => throw new FormatException("boom"));

        Assert.Throws<FormatException>(() => target.Invoke(RoutingAgent.SubmittedMessageEventTopic, _source.Object, _args.Object, CreateContext));
    }

    [Fact]
    public void Invoke_TopicWithoutHandler_Throws()
    {
        var target = new TestAgent();

        Assert.Throws<InvalidOperationException>(() => target.Invoke(RoutingAgent.RoutedMessageEventTopic, _source.Object, _args.Object, CreateContext));
    }

    [Fact]
    public void FactoryInternalCreateAgent_PassesTheServerState()
    {
        var server = new Mock<SmtpServer>().Object;
        var factory = new TestFactory();

        Agent agent = ((AgentFactory)factory).CreateAgent("any", server);

        Assert.Same(server, ((TestAgent)agent).Server);
    }

    private AgentAsyncContext CreateContext() => new(_ => _calls.Add("resume"), _ => _calls.Add("complete"));

    private sealed class TestFactory : RoutingAgentFactory
    {
        public override RoutingAgent CreateAgent(SmtpServer server) => new TestAgent { Server = server };
    }

    private sealed class TestAgent : RoutingAgent
    {
        public SmtpServer? Server { get; init; }

        public string Topic => EventTopic;

        public void SubscribeSubmitted(SubmittedMessageEventHandler handler) => OnSubmittedMessage += handler;

        public void UnsubscribeSubmitted(SubmittedMessageEventHandler handler) => OnSubmittedMessage -= handler;

        public AgentAsyncContext TakeAsyncContext() => GetAgentAsyncContext();
    }
}
