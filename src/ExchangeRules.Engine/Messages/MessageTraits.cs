using System;

namespace ExchangeRules.Engine.Messages;

/// <summary>What kind of message this is, as far as rules and editing policies care.</summary>
[Flags]
public enum MessageTraits
{
    /// <summary>A new message with none of the traits below.</summary>
    None = 0,
    /// <summary>A reply (In-Reply-To or a localised reply prefix such as Re:, AW:, SV:).</summary>
    Reply = 1 << 0,
    /// <summary>A forward (a localised forward prefix such as Fw:, Fwd:, WG:, TR:).</summary>
    Forward = 1 << 1,
    /// <summary>An automatic reply (Auto-Submitted, X-Auto-Response-Suppress, OOF classes).</summary>
    AutoReply = 1 << 2,
    /// <summary>A meeting request (text/calendar METHOD:REQUEST or the IPM.Schedule.Meeting.Request class).</summary>
    MeetingRequest = 1 << 3,
    /// <summary>A meeting response (text/calendar METHOD:REPLY or IPM.Schedule.Meeting.Resp.* classes).</summary>
    MeetingResponse = 1 << 4,
    /// <summary>A read receipt (multipart/report; report-type=disposition-notification).</summary>
    ReadReceipt = 1 << 5,
    /// <summary>A delivery status notification (multipart/report; report-type=delivery-status).</summary>
    DeliveryReport = 1 << 6,
    /// <summary>S/MIME or PGP signed.</summary>
    Signed = 1 << 7,
    /// <summary>S/MIME or PGP encrypted.</summary>
    Encrypted = 1 << 8,
    /// <summary>Carries an Outlook TNEF body (application/ms-tnef, winmail.dat).</summary>
    Tnef = 1 << 9,
}
