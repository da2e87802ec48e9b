using System.IO;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Harness.Tnef;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests.Tnef;

/// <summary>
/// A meeting request submitted from Outlook reaches the agent as Summary TNEF with no text/calendar part: rule
/// conditions on the message type see it through the message class inside the stream, and only from inside.
/// </summary>
public sealed class TnefMessageClassTests
{
    [Theory]
    [InlineData("meeting-request.eml", MessageTraits.MeetingRequest)]
    [InlineData("outlook-word-reply.eml", MessageTraits.None)]
    [InlineData("gmail-reply.eml", MessageTraits.None)]
    public void FromStructure_SummaryTnefFromInside_HasTheMeetingTraitOfItsMessageClass(string fixture, MessageTraits expected)
    {
        var message = Parse(SummaryTnefMessages.FromFixture(fixture, MailboxBodyFormat.Html));

        var traits = MessageTraitDetector.FromStructure(message, trustsSender: true);

        Assert.True((traits & MessageTraits.Tnef) != 0);
        Assert.Equal(expected, traits & (MessageTraits.MeetingRequest | MessageTraits.MeetingResponse));
    }

    [Fact]
    public void FromStructure_SummaryTnefMeetingFromOutside_IsNotAMeeting()
    {
        var message = Parse(SummaryTnefMessages.FromFixture("meeting-request.eml", MailboxBodyFormat.Html));

        var traits = MessageTraitDetector.FromStructure(message, trustsSender: false);

        Assert.Equal(MessageTraits.None, traits & (MessageTraits.MeetingRequest | MessageTraits.MeetingResponse));
    }

    [Fact]
    public void FromStructure_UnreadableTnef_HasNoMeetingTrait()
    {
        var message = new MimeMessage();
        message.Body = new MimePart("application", "ms-tnef") { Content = new MimeContent(new MemoryStream(new byte[] { 0x78, 0x9f, 0x3e, 0x22, 1, 2, 3 })) };

        var traits = MessageTraitDetector.FromStructure(message, trustsSender: true);

        Assert.Equal(MessageTraits.Tnef, traits & (MessageTraits.Tnef | MessageTraits.MeetingRequest | MessageTraits.MeetingResponse));
    }

    private static MimeMessage Parse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return MimeMessage.Load(stream);
    }
}
