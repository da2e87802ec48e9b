using System;
using System.IO;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;
using ExchangeRules.Processing.Tests.Support;
using ExchangeRules.Templates;
using Serilog.Core;
using Xunit;

namespace ExchangeRules.Processing.Tests;

/// <summary>
/// A fail-closed rule that cannot be evaluated or rendered defers the message, through the real engine, templates and
/// editor: nothing else of the evaluation reaches the message, and the trace does not claim any rule applied.
/// </summary>
public sealed class FailClosedDeferralTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void RegularExpressionTimesOutInAFailClosedRule_DefersTheMessage()
    {
        var result = Process(
            "<subjectMatches timeoutMilliseconds=\"1\"><value>^(a+)+$</value></subjectMatches>",
            "<p>Legal</p>",
            subject: new string('a', 64) + "!");

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Contains("Legal", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Mime);
        Assert.DoesNotContain(result.Trace!.Rules, rule => rule.Applied);
    }

    [Fact]
    public void TemplateThatCannotRenderInAFailClosedRule_DefersTheMessage()
    {
        // 40,000 × 10 characters: over the template output limit (256 K characters), so rendering throws.
        var result = Process(
            "<direction>outgoing</direction>",
            "{% for i in (1..40000) %}0123456789{% endfor %}",
            subject: "Order");

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Contains("Legal", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Mime);
    }

    [Fact]
    public void SameFailureInAFailOpenRule_DeliversTheOtherRulesActions()
    {
        var result = Process(
            "<subjectMatches timeoutMilliseconds=\"1\"><value>^(a+)+$</value></subjectMatches>",
            "<p>Legal</p>",
            subject: new string('a', 64) + "!",
            policy: "failOpen");

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.Contains("X-Tag: yes", ReadAll(result.Mime!), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private ProcessingResult Process(string condition, string html, string subject, string policy = "failClosed")
    {
        File.WriteAllText(_folder.Combine("legal.html"), html);
        File.WriteAllText(_folder.Combine("legal.txt"), "Legal");
        File.WriteAllText(_folder.Combine("rules.xml"), $"""
            <rules xmlns="urn:exchangerules:rules:v1">
              <templates>
                <template name="legal"><html file="legal.html"/><text file="legal.txt"/></template>
              </templates>
              <rule name="Tag">
                <conditions><direction>outgoing</direction></conditions>
                <actions><setHeader name="X-Tag">yes</setHeader></actions>
              </rule>
              <rule name="Legal">
                <conditions>{condition}</conditions>
                <actions><addDisclaimer template="legal" placement="bottom"/></actions>
                <options onFailure="{policy}"/>
              </rule>
            </rules>
            """);
        var plan = RuleSetLoader.Load(_folder.Combine("rules.xml"), new FluidTemplateCompiler());
        var processor = new MessageProcessor(() => plan, new MimeMessageEditor(), null, ProcessingOptions.Default, Logger.None);
        var mime = Encoding.UTF8.GetBytes(
            $"From: Alice Wong <alice@contoso.com>\r\nTo: partner@external.example\r\nSubject: {subject}\r\nMessage-ID: <order@contoso.com>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Order attached.</p></body></html>\r\n");
        var envelope = new MessageEnvelope("alice@contoso.com", new[] { "partner@external.example" }, SubmissionOrigin.Authenticated);
        return processor.Process(envelope, FakeOrganization.Contoso, new MemoryStream(mime, writable: false), CancellationToken.None);
    }

    private static string ReadAll(Stream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
