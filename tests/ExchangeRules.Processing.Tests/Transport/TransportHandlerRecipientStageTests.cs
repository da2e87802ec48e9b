using System;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Processing.Tests.Support;
using ExchangeRules.Processing.Transport;
using ExchangeRules.Templates;
using Serilog.Core;
using Xunit;

namespace ExchangeRules.Processing.Tests.Transport;

/// <summary>
/// With the real processor and rules: OnSubmittedMessage evaluates only the rules that can change recipients (none
/// at all when no rule does), OnResolvedMessage evaluates the content once and never adds a recipient again, and a
/// forked clone at OnRoutedMessage adds nothing either.
/// </summary>
public sealed class TransportHandlerRecipientStageTests : IDisposable
{
    private const string _message = "From: alice@contoso.com\r\nTo: bob@contoso.com, partner@fabrikam.com\r\nMessage-ID: <1@contoso.com>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\nSubject: Offer\r\n\r\nHello\r\n";

    private const string _footerRules = """
          <rule name="Internal footer">
            <conditions><direction>internal</direction></conditions>
            <actions><addDisclaimer template="internal" placement="bottom"/></actions>
          </rule>
          <rule name="External disclaimer">
            <conditions><direction>outgoing</direction></conditions>
            <actions><addDisclaimer template="external" placement="bottom"/></actions>
          </rule>
        """;

    private const string _archiveRule = """
          <rule name="Archive copy">
            <conditions><senderScope>inside</senderScope></conditions>
            <actions><addBcc>archive@contoso.com</addBcc></actions>
          </rule>
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-recipient-stage-" + Guid.NewGuid().ToString("N"));
    private readonly TransportSession _session = new();

    public TransportHandlerRecipientStageTests()
    {
        System.IO.Directory.CreateDirectory(_folder);
    }

    [Fact]
    public void Submitted_ContentOnlyRulesAreNotEvaluated_OnlyTheBccRuleIs()
    {
        var handler = Handler(_footerRules + _archiveRule);
        var item = new FakeTransportItem(_message, "bob@contoso.com") { CanAddRecipients = true };

        var handling = handler.Handle(item, TransportEvent.Submitted, _session, FakeOrganization.Contoso, CancellationToken.None);

        Assert.Equal(new[] { "add:archive@contoso.com" }, item.Calls);
        var rules = handling.Result!.Trace!.Rules;
        Assert.All(rules.Take(2), rule => Assert.StartsWith("not evaluated for recipient changes", rule.Reason, StringComparison.Ordinal));
        Assert.True(rules.Single(rule => rule.RuleName == "Archive copy").Applied);
        Assert.Null(handling.Result.Mime);
        Assert.False(handling.ContentWritten);
    }

    [Fact]
    public void Submitted_NoRuleChangesRecipients_NothingIsEvaluated()
    {
        var handler = Handler(_footerRules);
        var item = new FakeTransportItem(_message, "bob@contoso.com") { CanAddRecipients = true };

        var handling = handler.Handle(item, TransportEvent.Submitted, _session, FakeOrganization.Contoso, CancellationToken.None);

        Assert.Equal(TransportDisposition.Skipped, handling.Disposition);
        Assert.Null(handling.Result);
        Assert.Empty(item.Calls);
    }

    [Fact]
    public void Resolved_EvaluatesTheContentRules_AndDoesNotAddTheBccAgain()
    {
        var handler = Handler(_footerRules + _archiveRule);
        var item = new FakeTransportItem(_message, "bob@contoso.com") { CanAddRecipients = true };
        handler.Handle(item, TransportEvent.Submitted, _session, FakeOrganization.Contoso, CancellationToken.None);
        item.CanAddRecipients = false;

        var resolved = handler.Handle(item, TransportEvent.Resolved, _session, FakeOrganization.Contoso, CancellationToken.None);

        Assert.Equal(new[] { "add:archive@contoso.com", "write" }, item.Calls);
        Assert.True(resolved.Result!.Trace!.Rules.Single(rule => rule.RuleName == "Internal footer").Applied);
        Assert.Empty(resolved.RecipientsAdded);
        Assert.Empty(resolved.Notes);
        Assert.Contains("Internal footer: for Contoso only.", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BccRule_ForkedMessage_AddsItsRecipientOnce()
    {
        var handler = Handler(_footerRules + _archiveRule);
        var item = new FakeTransportItem(_message, "bob@contoso.com", "partner@fabrikam.com") { CanAddRecipients = true };
        handler.Handle(item, TransportEvent.Submitted, _session, FakeOrganization.Contoso, CancellationToken.None);
        item.CanAddRecipients = false;

        var resolved = handler.Handle(item, TransportEvent.Resolved, _session, FakeOrganization.Contoso, CancellationToken.None);
        var clone = new FakeTransportItem(_message, resolved.ForkedOff.ToArray());
        var routed = handler.Handle(clone, TransportEvent.Routed, _session, FakeOrganization.Contoso, CancellationToken.None);
        var again = handler.Handle(item, TransportEvent.Routed, _session, FakeOrganization.Contoso, CancellationToken.None);

        Assert.NotEmpty(resolved.ForkedOff);
        Assert.Equal(TransportDisposition.Processed, routed.Disposition);
        Assert.Equal(TransportDisposition.Skipped, again.Disposition);
        Assert.Single(item.Calls.Concat(clone.Calls), call => call.StartsWith("add:", StringComparison.Ordinal));
        Assert.Contains("archive@contoso.com", item.Recipients.Concat(clone.Recipients));
        Assert.Empty(resolved.Notes.Concat(routed.Notes));
    }

    [Fact]
    public void SubmittedThenResolved_SameItem_TheHeaderBlockIsParsedOnce()
    {
        var handler = Handler(_footerRules + _archiveRule);
        var item = new FakeTransportItem(_message, "bob@contoso.com") { CanAddRecipients = true };

        handler.Handle(item, TransportEvent.Submitted, _session, FakeOrganization.Contoso, CancellationToken.None);
        item.CanAddRecipients = false;
        var resolved = handler.Handle(item, TransportEvent.Resolved, _session, FakeOrganization.Contoso, CancellationToken.None);

        Assert.Equal(1, _session.HeaderBlockParses);
        Assert.Equal(Engine.Messages.SubmissionOrigin.Authenticated, resolved.Origin);
        Assert.Contains("Internal footer: for Contoso only.", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmittedThenResolved_AnotherAgentChangedTheHeaders_TheNewHeadersAreRead()
    {
        var handler = Handler(_footerRules + _archiveRule);
        var item = new FakeTransportItem(_message, "bob@contoso.com") { CanAddRecipients = true };
        var submitted = handler.Handle(item, TransportEvent.Submitted, _session, FakeOrganization.Contoso, CancellationToken.None);

        // Between the events another agent rewrites the message; its header block now says anonymous.
        item.ReplaceContent(_message.Replace("AuthAs: Internal", "AuthAs: Anonymous", StringComparison.Ordinal));
        item.CanAddRecipients = false;
        var resolved = handler.Handle(item, TransportEvent.Resolved, _session, FakeOrganization.Contoso, CancellationToken.None);

        Assert.Equal(2, _session.HeaderBlockParses);
        Assert.Equal(Engine.Messages.SubmissionOrigin.Authenticated, submitted.Origin);
        Assert.Equal(Engine.Messages.SubmissionOrigin.Anonymous, resolved.Origin);
        Assert.DoesNotContain("Internal footer: for Contoso only.", item.Text, StringComparison.Ordinal);
    }

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private TransportHandler Handler(string rules)
    {
        var path = Path.Combine(_folder, "rules.xml");
        File.WriteAllText(path, $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <rules xmlns="urn:exchangerules:rules:v1">
              <templates>
                <template name="internal">
                  <html><![CDATA[<p>Internal footer: for Contoso only.</p>]]></html>
                  <text><![CDATA[Internal footer: for Contoso only.]]></text>
                </template>
                <template name="external">
                  <html><![CDATA[<p>External disclaimer: this message left Contoso.</p>]]></html>
                  <text><![CDATA[External disclaimer: this message left Contoso.]]></text>
                </template>
              </templates>
            {{rules}}
            </rules>
            """);
        IRulePlan plan = RuleSetLoader.Load(path, new FluidTemplateCompiler());
        var processor = MessageProcessorFactory.Create(() => plan, null, ProcessingOptions.Default, Logger.None);
        return TransportHandler.For(processor, Logger.None);
    }
}
