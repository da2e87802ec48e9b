using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>Every condition of the catalog, matching and not matching.</summary>
public sealed class ConditionCatalogTests
{
    private static readonly Dictionary<string, (string Xml, Action<TestMessage> Match, Action<TestMessage> Miss)> _cases = new()
    {
        ["senderAddress exact"] = ("<senderAddress><value>ALICE@contoso.com</value></senderAddress>", _ => { }, m => m.From = "bob@contoso.com"),
        ["senderAddress wildcard"] = ("<senderAddress match=\"wildcard\"><value>a*@contoso.*</value></senderAddress>", _ => { }, m => m.From = "bob@contoso.com"),
        ["senderAddress regex"] = ("<senderAddress match=\"regex\"><value>^a[a-z]+@</value></senderAddress>", _ => { }, m => m.From = "bob@contoso.com"),
        ["senderAddress envelope"] = ("<senderAddress location=\"envelope\"><value>bounce@contoso.com</value></senderAddress>", m => m.EnvelopeSender = "bounce@contoso.com", _ => { }
        ),
        ["senderAddress headerOrEnvelope"] = ("<senderAddress location=\"headerOrEnvelope\"><value>bounce@contoso.com</value></senderAddress>", m => m.EnvelopeSender = "bounce@contoso.com", _ => { }
        ),
        ["senderDomain exact"] = ("<senderDomain><value>Contoso.com</value></senderDomain>", _ => { }, m => m.From = "x@fabrikam.com"),
        ["senderDomain wildcard"] = ("<senderDomain match=\"wildcard\"><value>*.contoso.com</value></senderDomain>", m => m.From = "a@mail.contoso.com", _ => { }
        ),
        ["senderDomain regex"] = ("<senderDomain match=\"regex\"><value>^contoso\\.(com|de)$</value></senderDomain>", _ => { }, m => m.From = "x@contoso.org"),
        ["senderMemberOf"] = ("<senderMemberOf><value>sales@contoso.com</value></senderMemberOf>", _ => { }, m => m.From = "bob@contoso.com"),
        ["senderMemberOf without directory"] = ("<senderMemberOf><value>All Staff</value></senderMemberOf>", _ => { }, m => m.Directory = null),
        ["senderAttribute equals"] = ("<senderAttribute name=\"department\"><value>sales</value></senderAttribute>", _ => { }, m => m.From = "bob@contoso.com"),
        ["senderAttribute contains"] = ("<senderAttribute name=\"title\" operator=\"contains\"><value>manager</value></senderAttribute>", _ => { }, m => m.From = "bob@contoso.com"),
        ["senderAttribute matches"] = ("<senderAttribute name=\"title\" operator=\"matches\"><value>^Account</value></senderAttribute>", _ => { }, m => m.From = "bob@contoso.com"),
        ["senderScope inside"] = ("<senderScope>inside</senderScope>", _ => { }, m => m.Origin = SubmissionOrigin.Anonymous),
        ["senderScope outside"] = ("<senderScope>outside</senderScope>", m => m.From = "x@fabrikam.com", _ => { }
        ),
        ["recipientAddress each"] = ("<recipientAddress><value>bob@contoso.com</value></recipientAddress>", _ => { }, m => m.To = new[] { "carol@contoso.com" }),
        ["recipientAddress wildcard"] = ("<recipientAddress match=\"wildcard\"><value>b?b@*</value></recipientAddress>", _ => { }, m => m.To = new[] { "carol@contoso.com" }),
        ["recipientAddress regex any"] = ("<recipientAddress match=\"regex\" quantifier=\"any\"><value>^carol@</value></recipientAddress>", m => m.To = new[] { "bob@contoso.com", "carol@fabrikam.com" }, _ => { }
        ),
        ["recipientAddress all"] = ("<recipientAddress match=\"wildcard\" quantifier=\"all\"><value>*@contoso.com</value></recipientAddress>", _ => { }, m => m.To = new[] { "bob@contoso.com", "carol@fabrikam.com" }),
        ["recipientAddress To header"] = ("<recipientAddress source=\"to\"><value>visible@contoso.com</value></recipientAddress>", m => m.Content.Header("To", "<visible@contoso.com>"), _ => { }
        ),
        ["recipientAddress Cc header"] = ("<recipientAddress source=\"cc\"><value>copy@contoso.com</value></recipientAddress>", m => m.Content.Header("Cc", "copy@contoso.com"), m => m.Content.Header("To", "copy@contoso.com")),
        ["recipientAddress To or Cc header"] = ("<recipientAddress source=\"toOrCc\"><value>copy@contoso.com</value></recipientAddress>", m => m.Content.Header("Cc", "copy@contoso.com"), _ => { }
        ),
        ["recipientDomain"] = ("<recipientDomain><value>fabrikam.com</value></recipientDomain>", m => m.To = new[] { "carol@fabrikam.com" }, _ => { }
        ),
        ["recipientMemberOf"] = ("<recipientMemberOf><value>All Staff</value></recipientMemberOf>", _ => { }, m => m.To = new[] { "carol@fabrikam.com" }),
        ["recipientAttribute"] = ("<recipientAttribute name=\"department\"><value>Engineering</value></recipientAttribute>", _ => { }, m => m.To = new[] { "alice@contoso.com" }),
        ["recipientScope inside"] = ("<recipientScope>inside</recipientScope>", _ => { }, m => m.To = new[] { "carol@fabrikam.com" }),
        ["recipientScope outside"] = ("<recipientScope>outside</recipientScope>", m => m.To = new[] { "carol@fabrikam.com" }, _ => { }
        ),
        ["direction internal"] = ("<direction>internal</direction>", _ => { }, m => m.To = new[] { "carol@fabrikam.com" }),
        ["direction outgoing"] = ("<direction>outgoing</direction>", m => m.To = new[] { "carol@fabrikam.com" }, _ => { }
        ),
        ["direction incoming"] = ("<direction>incoming</direction>", m => m.Origin = SubmissionOrigin.Anonymous, _ => { }
        ),
        ["direction hybrid connector is internal"] = ("<direction>internal</direction>", m => m.Origin = SubmissionOrigin.HybridConnector, m => m.Origin = SubmissionOrigin.Unknown),
        ["subjectContains"] = ("<subjectContains><value>quarterly</value></subjectContains>", _ => { }, m => m.Content.Subject = "Biquarterly report"),
        ["subjectMatches"] = ("<subjectMatches><value>^Quarter\\w+</value></subjectMatches>", _ => { }, m => m.Content.Subject = "Hello"),
        ["bodyContains"] = ("<bodyContains><value>invoice 42</value></bodyContains>", m => m.Content.Body = "See Invoice 42, attached.", m => m.Content.Body = "See invoice 420."),
        ["bodyMatches"] = ("<bodyMatches><value>\\bINV-\\d{4}\\b</value></bodyMatches>", m => m.Content.Body = "ref inv-2026", m => m.Content.Body = "ref inv-26"),
        ["subjectOrBodyContains subject"] = ("<subjectOrBodyContains><value>numbers</value></subjectOrBodyContains>", _ => { }, m => m.Content.Subject = "x"),
        ["subjectOrBodyContains body"] = ("<subjectOrBodyContains><value>urgent</value></subjectOrBodyContains>", m => m.Content.Body = "this is urgent", _ => { }
        ),
        ["subjectOrBodyMatches"] = ("<subjectOrBodyMatches><value>secret\\s+plan</value></subjectOrBodyMatches>", m => m.Content.Body = "the secret  plan", _ => { }
        ),
        ["headerExists"] = ("<headerExists name=\"x-mailer\"/>", m => m.Content.Header("X-Mailer", "Outlook"), _ => { }
        ),
        ["headerContains"] = ("<headerContains name=\"X-Mailer\"><value>outlook</value></headerContains>", m => m.Content.Header("X-Mailer", "Microsoft Outlook 16"), m => m.Content.Header("X-Mailer", "Thunderbird")),
        ["headerMatches"] = ("<headerMatches name=\"X-Spam-Score\"><value>^[5-9]</value></headerMatches>", m => m.Content.Header("X-Spam-Score", "7.1"), m => m.Content.Header("X-Spam-Score", "1.0")),
        ["hasAttachment"] = ("<hasAttachment/>", m => m.Content.Attachments.Add(new AttachmentInfo("a.pdf", "application/pdf", 10, false)), m => m.Content.Attachments.Add(new AttachmentInfo("logo.png", "image/png", 10, true))),
        ["attachmentName wildcard"] = ("<attachmentName match=\"wildcard\"><value>*.EXE</value></attachmentName>", m => m.Content.Attachments.Add(new AttachmentInfo("setup.exe", "application/octet-stream", 10, false)), m => m.Content.Attachments.Add(new AttachmentInfo("setup.exe.txt", "text/plain", 10, false))),
        ["attachmentName exact"] = ("<attachmentName><value>report.pdf</value></attachmentName>", m => m.Content.Attachments.Add(new AttachmentInfo("Report.PDF", "application/pdf", 10, false)), _ => { }
        ),
        ["attachmentExtension"] = ("<attachmentExtension><value>.docx</value><value>xlsx</value></attachmentExtension>", m => m.Content.Attachments.Add(new AttachmentInfo("budget.XLSX", "application/x", 10, false)), m => m.Content.Attachments.Add(new AttachmentInfo("budget.xlsx.zip", "application/zip", 10, false))),
        ["attachmentSizeOver"] = ("<attachmentSizeOver>1MB</attachmentSizeOver>", m => m.Content.Attachments.Add(new AttachmentInfo("big.zip", "application/zip", 1024 * 1024 + 1, false)), m => m.Content.Attachments.Add(new AttachmentInfo("small.zip", "application/zip", 1024 * 1024, false))),
        ["attachmentCountAtLeast"] = ("<attachmentCountAtLeast>2</attachmentCountAtLeast>", m => { m.Content.Attachments.Add(new AttachmentInfo("a", "x/y", 1, false)); m.Content.Attachments.Add(new AttachmentInfo("b", "x/y", 1, false)); }, m => { m.Content.Attachments.Add(new AttachmentInfo("a", "x/y", 1, false)); m.Content.Attachments.Add(new AttachmentInfo("i", "image/png", 1, true)); }
        ),
        ["messageSizeOver"] = ("<messageSizeOver>10KB</messageSizeOver>", m => m.Content.Size = 10241, m => m.Content.Size = 10240),
        ["messageType new"] = ("<messageType>new</messageType>", _ => { }, m => m.Content.Traits = MessageTraits.Reply),
        ["messageType reply or forward"] = ("<messageType>reply forward</messageType>", m => m.Content.Traits = MessageTraits.Forward, _ => { }
        ),
        ["messageType new is not hidden by signed"] = ("<messageType>new</messageType>", m => m.Content.Traits = MessageTraits.Signed, m => m.Content.Traits = MessageTraits.MeetingRequest),
        ["messageType autoReply"] = ("<messageType>autoReply</messageType>", m => m.Content.Traits = MessageTraits.AutoReply, _ => { }
        ),
        ["messageType meetingRequest"] = ("<messageType>meetingRequest</messageType>", m => m.Content.Traits = MessageTraits.MeetingRequest, m => m.Content.Traits = MessageTraits.MeetingResponse),
        ["messageType meetingResponse"] = ("<messageType>meetingResponse</messageType>", m => m.Content.Traits = MessageTraits.MeetingResponse, _ => { }
        ),
        ["messageType readReceipt"] = ("<messageType>readReceipt</messageType>", m => m.Content.Traits = MessageTraits.ReadReceipt, m => m.Content.Traits = MessageTraits.DeliveryReport),
        ["messageType deliveryReport"] = ("<messageType>deliveryReport</messageType>", m => m.Content.Traits = MessageTraits.DeliveryReport, _ => { }
        ),
        ["messageType signed"] = ("<messageType>signed</messageType>", m => m.Content.Traits = MessageTraits.Signed | MessageTraits.Reply, _ => { }
        ),
        ["messageType encrypted"] = ("<messageType>encrypted</messageType>", m => m.Content.Traits = MessageTraits.Encrypted, m => m.Content.Traits = MessageTraits.Signed),
        ["importance high (Importance)"] = ("<importance>high</importance>", m => m.Content.Header("Importance", "High"), m => m.Content.Header("Importance", "normal")),
        ["importance high (X-Priority)"] = ("<importance>high</importance>", m => m.Content.Header("X-Priority", "1 (Highest)"), m => m.Content.Header("X-Priority", "3")),
        ["importance low (Priority)"] = ("<importance>low</importance>", m => m.Content.Header("Priority", "non-urgent"), _ => { }
        ),
        ["importance normal by default"] = ("<importance>normal</importance>", _ => { }, m => m.Content.Header("Importance", "low")),
        ["sensitivity confidential"] = ("<sensitivity>confidential</sensitivity>", m => m.Content.Header("Sensitivity", "Company-Confidential"), m => m.Content.Header("Sensitivity", "Personal")),
        ["sensitivity private"] = ("<sensitivity>private personal</sensitivity>", m => m.Content.Header("Sensitivity", "Private"), _ => { }
        ),
        ["messageContainsText"] = ("<messageContainsText><value>Kind regards, Alice</value></messageContainsText>", m => m.Content.Body = "Hi\nkind regards, alice\n", m => m.Content.Body = "Hi"),
        ["all"] = ("<all><senderDomain><value>contoso.com</value></senderDomain><subjectContains><value>numbers</value></subjectContains></all>", _ => { }, m => m.Content.Subject = "x"),
        ["any"] = ("<any><senderDomain><value>fabrikam.com</value></senderDomain><subjectContains><value>numbers</value></subjectContains></any>", _ => { }, m => m.Content.Subject = "x"),
        ["not"] = ("<not><subjectContains><value>numbers</value></subjectContains></not>", m => m.Content.Subject = "x", _ => { }
        ),
    };

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in _cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluate_MatchingMessage_AppliesRule(string name)
    {
        var (xml, match, _) = _cases[name];
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(xml));
        var message = TestMessage.Internal();
        match(message);

        var result = folder.Load().Evaluate(message.Build());

        Assert.True(result.Trace.Rules[0].Applied, result.Trace.Rules[0].Reason);
        Assert.Contains(result.Copies, copy => copy.Actions.Count == 1);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluate_NonMatchingMessage_DoesNotApplyAndSaysWhy(string name)
    {
        var (xml, _, miss) = _cases[name];
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(xml));
        var message = TestMessage.Internal();
        miss(message);

        var result = folder.Load().Evaluate(message.Build());

        var trace = Assert.Single(result.Trace.Rules);
        Assert.False(trace.Applied);
        Assert.StartsWith("not applied: condition not met: ", trace.Reason, StringComparison.Ordinal);
        Assert.All(result.Copies, copy => Assert.Empty(copy.Actions));
    }
}
