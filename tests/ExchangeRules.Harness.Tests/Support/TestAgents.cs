using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using MimeKit;

namespace ExchangeRules.Harness.Tests.Support;

/// <summary>Routing agents that pin Exchange's contract: each writes what it saw into the message through the MIME write stream.</summary>
public abstract class HeaderWritingAgent : RoutingAgent
{
    protected static void AddHeader(MailItem item, string name, string value)
    {
        MimeMessage message;
        using (var read = item.GetMimeReadStream())
        {
            message = MimeMessage.Load(read);
        }

        message.Headers.Add(name, value);
        using var write = item.GetMimeWriteStream();
        message.WriteTo(write);
    }
}

/// <summary>Subscribes to all four events and records each one as an X-Test-Event header.</summary>
public sealed class EventOrderAgentFactory : RoutingAgentFactory
{
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent();

    private sealed class Agent : HeaderWritingAgent
    {
        public Agent()
        {
            OnSubmittedMessage += (_, e) => AddHeader(e.MailItem, "X-Test-Event", EventTopic);
            OnResolvedMessage += (_, e) => AddHeader(e.MailItem, "X-Test-Event", EventTopic);
            OnRoutedMessage += (_, e) => AddHeader(e.MailItem, "X-Test-Event", EventTopic);
            OnCategorizedMessage += (_, e) => AddHeader(e.MailItem, "X-Test-Event", EventTopic);
        }
    }
}

/// <summary>Writes X-Test-Order with its registered name in OnCategorizedMessage, and its instance number.</summary>
public sealed class NamedAgentFactory : RoutingAgentFactory
{
    private int _created;

    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent(++_created);

    private sealed class Agent : HeaderWritingAgent
    {
        public Agent(int instance)
        {
            OnCategorizedMessage += (_, e) => AddHeader(e.MailItem, "X-Test-Order", $"{Name} #{instance}");
        }
    }
}

/// <summary>Adds a recipient in OnSubmitted (allowed) and tries again in OnRouted (NotSupportedException).</summary>
public sealed class AddRecipientAgentFactory : RoutingAgentFactory
{
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent();

    private sealed class Agent : HeaderWritingAgent
    {
        public Agent()
        {
            OnSubmittedMessage += (_, e) => e.MailItem.Recipients.Add(new RoutingAddress("bob@contoso.com"));
            OnRoutedMessage += (_, e) =>
            {
                try
                {
                    e.MailItem.Recipients.Add(new RoutingAddress("erin@fabrikam.com"));
                    AddHeader(e.MailItem, "X-Test-Add", "accepted");
                }
                catch (NotSupportedException ex)
                {
                    AddHeader(e.MailItem, "X-Test-Add", ex.GetType().Name);
                }
            };
        }
    }
}

/// <summary>Forks every item with more than one recipient, keeping the first; each copy gets X-Test-Copy.</summary>
public sealed class ForkAgentFactory : RoutingAgentFactory
{
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent();

    private sealed class Agent : HeaderWritingAgent
    {
        public Agent()
        {
            OnRoutedMessage += (source, e) =>
            {
                if (e.MailItem.Recipients.Count > 1)
                {
                    source.Fork(new[] { e.MailItem.Recipients[0] });
                }

                AddHeader(e.MailItem, "X-Test-Copy", e.MailItem.Recipients[0].Address.ToString());
            };
        }
    }
}

/// <summary>Writes a header, then defers the first attempt of every message; the retry gets X-Test-Attempt: retried.</summary>
public sealed class DeferOnceAgentFactory : RoutingAgentFactory
{
    private static readonly ConcurrentDictionary<string, bool> _seen = new();

    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent();

    private sealed class Agent : HeaderWritingAgent
    {
        public Agent()
        {
            OnCategorizedMessage += (source, e) =>
            {
                var id = e.MailItem.Message.MessageId;
                if (_seen.TryAdd(id, true))
                {
                    AddHeader(e.MailItem, "X-Test-Attempt", "first, then deferred");
                    source.Defer(TimeSpan.FromMinutes(1));
                    return;
                }

                AddHeader(e.MailItem, "X-Test-Attempt", "retried");
            };
        }
    }
}

/// <summary>Deletes every message whose subject contains "delete me".</summary>
public sealed class DeleteAgentFactory : RoutingAgentFactory
{
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent();

    private sealed class Agent : RoutingAgent
    {
        public Agent()
        {
            OnCategorizedMessage += (source, e) =>
            {
                if (e.MailItem.Message.Subject.Contains("delete me", StringComparison.OrdinalIgnoreCase))
                {
                    source.Delete();
                }
            };
        }
    }
}

/// <summary>Writes new content but never closes the MIME write stream (the classic agent bug).</summary>
public sealed class UnclosedStreamAgentFactory : RoutingAgentFactory
{
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent();

    private sealed class Agent : RoutingAgent
    {
        private Stream? _leaked;

        public Agent()
        {
            OnCategorizedMessage += (_, e) =>
            {
                _leaked = e.MailItem.GetMimeWriteStream();
                _leaked.Write("Subject: rewritten\r\n\r\nbody\r\n"u8);
            };
        }
    }
}

/// <summary>Goes async and completes on a worker thread; Resume is called only when the subject says so.</summary>
public sealed class AsyncAgentFactory : RoutingAgentFactory
{
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent();

    private sealed class Agent : HeaderWritingAgent
    {
        public Agent()
        {
            OnCategorizedMessage += (_, e) =>
            {
                var context = GetAgentAsyncContext();
                var item = e.MailItem;
                var resume = item.Message.Subject.Contains("resume", StringComparison.OrdinalIgnoreCase);
                Task.Run(() =>
                {
                    if (resume)
                    {
                        context.Resume();
                    }

                    AddHeader(item, "X-Test-Async", resume ? "resumed" : "not resumed");
                    context.Complete();
                });
            };
        }
    }
}

/// <summary>Throws out of its handler.</summary>
public sealed class ThrowingAgentFactory : RoutingAgentFactory
{
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent();

    private sealed class Agent : RoutingAgent
    {
        public Agent()
        {
            OnCategorizedMessage += (_, _) => throw new InvalidOperationException("agent bug");
        }
    }
}

/// <summary>Returns the same agent instance every time (Exchange: "agent instance already in use").</summary>
public sealed class SingletonAgentFactory : RoutingAgentFactory
{
    private readonly RoutingAgent _agent = new Agent();

    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => _agent;

    private sealed class Agent : RoutingAgent
    {
        public Agent()
        {
            OnCategorizedMessage += (_, _) => { };
        }
    }
}

/// <summary>Records in the message what SmtpServer.AcceptedDomains and AddressBook say about each recipient.</summary>
public sealed class OrganizationProbeAgentFactory : RoutingAgentFactory
{
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new Agent(server);

    private sealed class Agent : HeaderWritingAgent
    {
        public Agent(Microsoft.Exchange.Data.Transport.SmtpServer server)
        {
            OnCategorizedMessage += (_, e) =>
            {
                foreach (var recipient in e.MailItem.Recipients)
                {
                    var accepted = server.AcceptedDomains.Find(recipient.Address) is not null;
                    var entry = server.AddressBook.Find(recipient.Address);
                    AddHeader(e.MailItem, "X-Test-Probe", $"{recipient.Address}; accepted={accepted}; addressBook={entry is not null}; category={recipient.RecipientCategory}");
                }
            };
        }
    }
}
