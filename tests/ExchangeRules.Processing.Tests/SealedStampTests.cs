using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;
using ExchangeRules.Processing.Tests.Support;
using ExchangeRules.Processing.Transport;
using ExchangeRules.Templates;
using MimeKit;
using Serilog.Core;
using Xunit;

namespace ExchangeRules.Processing.Tests;

/// <summary>
/// The stamp record <c>X-ExchangeRules-Stamped</c> sealed with the organisation key (issue 20): with a key it counts
/// only when its HMAC verifies, from outside and from inside alike, and our stamps in the body count only together
/// with it; a genuine record still stops a second stamp when a message crosses twice. Real processor, real MimeKit
/// editor, the shipped sample rules.
/// </summary>
public sealed class SealedStampTests
{
    private const string _bannerRule = "External sender banner";
    private const string _disclaimerRule = "Legal disclaimer for external recipients";
    private const string _disclaimerMarker = "data-exr-rule=\"Legal disclaimer for external recipients\"";

    private static readonly OrganizationKey _key = OrganizationKey.Parse(Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
    private static readonly Lazy<IRulePlan> _samples = new(() => RuleSetLoader.Load(Path.Combine(SampleFolder(), "rules", "rules.xml"), new FluidTemplateCompiler()));

    [Theory]
    [InlineData("External sender banner")]
    [InlineData("External sender banner; v1; AAAAAAAAAAAAAAAAAAAAAA==")]
    public void ForgedStampHeaderFromOutside_WithAKey_DoesNotSuppressTheBanner(string forged)
    {
        var message = WithHeader(Incoming(), StampHeader.Name + ": " + forged);

        var result = Process(message, Inbound(SubmissionOrigin.Anonymous), _key);

        Assert.True(Applied(result, _bannerRule), Describe(result));
    }

    [Fact]
    public void ForgedStampHeaderFromAnInternalSender_WithAKey_DoesNotSuppressTheDisclaimer()
    {
        var message = WithHeader(Outgoing(), StampHeader.Name + ": " + _disclaimerRule);

        var withKey = Process(message, Outbound(), _key);
        var withoutKey = Process(message, Outbound(), key: null);

        Assert.True(Applied(withKey, _disclaimerRule), Describe(withKey));
        Assert.Equal(1, Occurrences(ReadAll(withKey), _disclaimerMarker));
        // The control: without a key an insider's unsigned header is believed, as documented (event 4007 at start-up).
        Assert.False(Applied(withoutKey, _disclaimerRule), Describe(withoutKey));
    }

    [Fact]
    public void StampPlantedInTheBodyByAnInternalSender_WithAKey_DoesNotSuppressTheDisclaimer()
    {
        var planted = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Outgoing())
            .Replace("<p>thank you, we accept.</p>", "<p>thank you, we accept.</p><div " + _disclaimerMarker + " id=\"exr-legal-disclaimer-for-external-recipients\" style=\"display:none\"></div>", StringComparison.Ordinal));

        var withKey = Process(planted, Outbound(), _key);
        var withoutKey = Process(planted, Outbound(), key: null);

        Assert.True(Applied(withKey, _disclaimerRule), Describe(withKey));
        Assert.Equal(2, Occurrences(ReadAll(withKey), _disclaimerMarker));
        Assert.False(Applied(withoutKey, _disclaimerRule), Describe(withoutKey));
    }

    [Fact]
    public void BlockTextAnInternalSendersClientAlreadyAdded_WithAKey_StillCountsAsPresent()
    {
        // skipIfPresent is how a signature the user's own Outlook added is not added twice: the block's text (not our
        // markers) counts on mail from inside, with or without a key.
        var stamped = ReadAll(Process(Outgoing(), Outbound(), _key));
        var lines = stamped.Split("\r\n").Where(line => !line.StartsWith(StampHeader.Name + ":", StringComparison.Ordinal));
        var typed = System.Text.RegularExpressions.Regex.Replace(string.Join("\r\n", lines), " (data-exr-[a-z]+|id)=\"[^\"]*\"", string.Empty);
        Assert.DoesNotContain("exr-", typed, StringComparison.Ordinal);

        var result = Process(Encoding.UTF8.GetBytes(typed), Outbound(), _key);

        Assert.Contains(result.ActionOutcomes, outcome => outcome.Action.RuleName == _disclaimerRule && outcome.Detail.Contains("already present", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SubmissionOrigin.HybridConnector)]
    [InlineData(SubmissionOrigin.Authenticated)]
    public void GenuineStampCrossingTwice_WithAKey_IsStampedOnce(SubmissionOrigin secondCrossing)
    {
        var first = Process(Outgoing(), Outbound(), _key);
        Assert.True(Applied(first, _disclaimerRule), Describe(first));
        var stamped = Encoding.UTF8.GetBytes(ReadAll(first));
        Assert.Matches("^Signature for internal and outgoing mail, " + _disclaimerRule + "; v1; [A-Za-z0-9+/]{22}==$", HeaderList.Load(new MemoryStream(stamped))[StampHeader.Name]?.Trim());

        var second = Process(stamped, Outbound(secondCrossing), _key);

        Assert.Equal(1, Occurrences(OutputOrOriginal(second, stamped), _disclaimerMarker));
        Assert.True(SkippedAsStamped(second, _disclaimerRule), Describe(second));
    }

    [Fact]
    public void BannerOnInternetMailCrossingTwiceAnonymously_WithAKey_IsAddedOnce()
    {
        // Without a key an anonymous second crossing cannot be told from a forgery and gets a second banner.
        var first = Process(Incoming(), Inbound(SubmissionOrigin.Anonymous), _key);
        Assert.True(Applied(first, _bannerRule), Describe(first));
        var stamped = Encoding.UTF8.GetBytes(ReadAll(first));

        var second = Process(stamped, Inbound(SubmissionOrigin.Anonymous), _key);

        Assert.Equal(1, Occurrences(OutputOrOriginal(second, stamped), "data-exr-rule=\"External sender banner\""));
        Assert.True(SkippedAsStamped(second, _bannerRule), Describe(second));
    }

    [Fact]
    public void GenuineStampHeaderCopiedToAnotherMessage_DoesNotVerify()
    {
        var first = Process(Outgoing(), Outbound(), _key);
        var stampLine = ReadAll(first).Split("\r\n").Single(line => line.StartsWith(StampHeader.Name + ":", StringComparison.Ordinal));
        var other = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WithHeader(Outgoing(), stampLine)).Replace("<demo-3@contoso.com>", "<another@contoso.com>", StringComparison.Ordinal));

        var result = Process(other, Outbound(), _key);

        Assert.True(Applied(result, _disclaimerRule), Describe(result));
    }

    [Fact]
    public void GenuineStampHeaderWithARuleNameAdded_DoesNotVerify()
    {
        var stamped = ReadAll(Process(Outgoing(), Outbound(), _key));
        var widened = Encoding.UTF8.GetBytes(stamped.Replace(StampHeader.Name + ": " + _disclaimerRule, StampHeader.Name + ": " + _disclaimerRule + ", " + _bannerRule, StringComparison.Ordinal));

        var result = Process(widened, Inbound(SubmissionOrigin.Anonymous), _key);

        Assert.True(Applied(result, _bannerRule), Describe(result));
    }

    [Fact]
    public void KeyRotation_StampSealedWithThePreviousKey_IsAcceptedOnlyWhileItIsConfigured()
    {
        const string banner = "data-exr-rule=\"External sender banner\"";
        var stamped = Encoding.UTF8.GetBytes(ReadAll(Process(Incoming(), Inbound(SubmissionOrigin.Anonymous), _key)));
        var next = OrganizationKey.Generate();

        var duringRotation = Process(stamped, Inbound(SubmissionOrigin.Anonymous), next.WithPrevious(_key));
        var afterRotation = Process(stamped, Inbound(SubmissionOrigin.Anonymous), next);

        Assert.Equal(1, Occurrences(OutputOrOriginal(duringRotation, stamped), banner));
        Assert.True(SkippedAsStamped(duringRotation, _bannerRule), Describe(duringRotation));
        Assert.Equal(2, Occurrences(ReadAll(afterRotation), banner));
    }

    [Fact]
    public void StampSeal_BindsIdentityAndNamesButNotTheirOrderOrCase()
    {
        var seal = new StampSeal(_key);
        var headers = HeaderList.Load(new MemoryStream(Outgoing()));
        var value = seal.Seal(headers, new[] { "Rule A", "Rule B" });

        Assert.True(seal.Verifies(headers, new[] { "rule b", "RULE A" }, value));
        Assert.False(seal.Verifies(headers, new[] { "Rule A" }, value));
        Assert.False(new StampSeal(OrganizationKey.Generate()).Verifies(headers, new[] { "Rule A", "Rule B" }, value));
        // The processed marker's MAC over the same message is no seal for an empty rule list: the labels differ.
        Assert.False(seal.Verifies(headers, Array.Empty<string>(), ProcessedMarker.ValueFor(_key, MessageIdentity.Of(headers))));
    }

    private static ProcessingResult Process(byte[] mime, MessageEnvelope envelope, OrganizationKey? key)
    {
        var processor = MessageProcessorFactory.Create(() => _samples.Value, null, new ProcessingOptions { OrganizationKey = key }, Logger.None);
        return processor.Process(envelope, FakeOrganization.Contoso, new MemoryStream(mime, writable: false), CancellationToken.None);
    }

    private static MessageEnvelope Outbound(SubmissionOrigin origin = SubmissionOrigin.Authenticated) =>
        new("alice@contoso.com", new[] { "partner@external.example" }, origin);

    private static MessageEnvelope Inbound(SubmissionOrigin origin) =>
        new("helpdesk@attacker.example", new[] { "alice@contoso.com" }, origin);

    private static byte[] WithHeader(byte[] message, string headerLine) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(message).Replace("MIME-Version: 1.0\r\n", headerLine + "\r\nMIME-Version: 1.0\r\n", StringComparison.Ordinal));

    private static bool Applied(ProcessingResult result, string rule) =>
        result.ActionOutcomes.Any(outcome => outcome.Action.RuleName == rule && outcome.Status == Engine.Editing.ActionStatus.Applied);

    private static bool SkippedAsStamped(ProcessingResult result, string rule) =>
        result.ActionOutcomes.Any(outcome => outcome.Action.RuleName == rule && outcome.Status == Engine.Editing.ActionStatus.Skipped && outcome.Detail.Contains(StampHeader.Name, StringComparison.Ordinal));

    private static string OutputOrOriginal(ProcessingResult result, byte[] original) =>
        result.Outcome == ProcessingOutcome.Changed ? ReadAll(result) : Encoding.UTF8.GetString(original);

    private static string Describe(ProcessingResult result) =>
        result.Outcome + " " + result.Reason + " | " + string.Join(" | ", result.ActionOutcomes.Select(outcome => outcome.Action.RuleName + ": " + outcome.Status + " " + outcome.Detail));

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string ReadAll(ProcessingResult result)
    {
        var stream = result.Mime ?? throw new InvalidOperationException("The message was not changed: " + Describe(result));
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
        return reader.ReadToEnd();
    }

    private static byte[] Incoming() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Attacks", "autoreply-auto-submitted.eml"));

    private static byte[] Outgoing() => File.ReadAllBytes(Path.Combine(SampleFolder(), "messages", "onprem-to-internet.eml"));

    private static string SampleFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "rules", "rules.xml")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The repository's samples folder was not found above " + AppContext.BaseDirectory);
    }
}
