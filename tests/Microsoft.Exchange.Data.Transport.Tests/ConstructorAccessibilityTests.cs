using System;
using System.Linq;
using System.Reflection;
using Microsoft.Exchange.Data.Transport.Email;
using Microsoft.Exchange.Data.Transport.Routing;
using Xunit;

namespace Microsoft.Exchange.Data.Transport.Tests;

/// <summary>Runtime objects can only be created by the transport runtime, exactly as in Exchange.</summary>
public sealed class ConstructorAccessibilityTests
{
    public static TheoryData<Type> RuntimeTypes => new()
    {
        typeof(MailItem), typeof(EnvelopeRecipient), typeof(ReadOnlyEnvelopeRecipientCollection),
        typeof(EnvelopeRecipientCollection), typeof(SmtpServer), typeof(AddressBook), typeof(AddressBookEntry),
        typeof(AgentAsyncContext), typeof(QueuedMessageEventSource), typeof(SubmittedMessageEventSource),
        typeof(ResolvedMessageEventSource), typeof(RoutedMessageEventSource), typeof(CategorizedMessageEventSource),
        typeof(QueuedMessageEventArgs), typeof(EmailMessage), typeof(EmailRecipientCollection), typeof(Body),
        typeof(Attachment), typeof(AttachmentCollection),
    };

    public static TheoryData<Type> ProtectedConstructorTypes => new()
    {
        typeof(AgentFactory), typeof(Agent), typeof(RoutingAgentFactory), typeof(RoutingAgent),
        typeof(AcceptedDomainCollection), typeof(AcceptedDomain), typeof(RemoteDomainCollection), typeof(RemoteDomain),
    };

    [Theory]
    [MemberData(nameof(RuntimeTypes))]
    public void RuntimeType_HasOnlyInternalConstructors(Type type)
    {
        ConstructorInfo[] constructors = type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        Assert.NotEmpty(constructors);
        Assert.All(constructors, c => Assert.True(c.IsAssembly, $"{type.Name}({string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name))}) must be internal."));
    }

    [Theory]
    [MemberData(nameof(ProtectedConstructorTypes))]
    public void AbstractBase_HasOneProtectedParameterlessConstructor(Type type)
    {
        ConstructorInfo constructor = Assert.Single(type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));

        Assert.True(type.IsAbstract);
        Assert.True(constructor.IsFamily);
        Assert.Empty(constructor.GetParameters());
    }
}
