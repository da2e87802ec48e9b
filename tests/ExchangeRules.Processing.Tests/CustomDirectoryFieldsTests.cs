using System;
using System.IO;
using System.Threading;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Tests.Support;
using Xunit;

namespace ExchangeRules.Processing.Tests;

/// <summary>
/// Directory attributes declared in the agent configuration, end to end: the agent started on an agent folder (LDIF
/// directory with a schema extension) renders them in a signature, and the admin tool's view of the same
/// configuration (<see cref="AgentConfigurationFile"/>) accepts and refuses exactly what the agent does.
/// </summary>
public sealed class CustomDirectoryFieldsTests : IDisposable
{
    private readonly TemporaryFolder _agent = new();

    public CustomDirectoryFieldsTests()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "TestData", "CustomFields");
        foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            _agent.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }
    }

    [Fact]
    public void Start_DeclaredAttributes_AreRenderedInTheSignatureFromTheDirectory()
    {
        using var host = ProcessingHost.Start(_agent.Path);

        var result = Process(host);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        result.Mime!.Position = 0;
        var html = MimeKit.MimeMessage.Load(result.Mime).HtmlBody;
        Assert.Contains("Cost centre CC-4711", html, StringComparison.Ordinal);
        Assert.Contains("Certified: CISSP, CCNP", html, StringComparison.Ordinal);
        Assert.Contains("with custom fields costCenter (contoso-CostCenter), certifications (contoso-Certification)", LogText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_TemplateReadingAnUndeclaredField_RejectsTheRulesNamingTheField()
    {
        var configuration = _agent.Combine(AgentConfiguration.FileName);
        File.WriteAllLines(configuration, Array.FindAll(File.ReadAllLines(configuration), line => !line.Contains("<attribute", StringComparison.Ordinal)));

        using var host = ProcessingHost.Start(_agent.Path);

        Assert.Equal(ProcessingOutcome.Unchanged, Process(host).Outcome);
        Assert.Contains("signature.html:3:", LogText(), StringComparison.Ordinal);
        Assert.Contains("unknown field 'sender.costCenter'", LogText(), StringComparison.Ordinal);
    }

    [Fact]
    public void AgentConfigurationFile_SameConfiguration_AcceptsTheDeclaredFieldsLikeTheAgent()
    {
        var configuration = AgentConfigurationFile.Load(_agent.Combine(AgentConfiguration.FileName));

        Assert.True(configuration.IsValid, string.Join("\n", configuration.Errors));
        Assert.Equal(_agent.Combine("directory.ldif"), configuration.LdifPath);
        Assert.Empty(RuleSetLoader.Validate(_agent.Combine("Rules", "rules.xml"), configuration.CreateTemplateCompiler()));
    }

    [Fact]
    public void AgentConfigurationFile_TypoOfADeclaredField_IsALocatedErrorSuggestingIt()
    {
        var rules = _agent.Combine("Rules", "rules.xml");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace("signature.html", "signature-typo.html", StringComparison.Ordinal));

        var errors = RuleSetLoader.Validate(rules, AgentConfigurationFile.Load(_agent.Combine(AgentConfiguration.FileName)).CreateTemplateCompiler());

        var error = Assert.Single(errors);
        Assert.Contains("signature-typo.html:2:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("unknown field 'sender.costCentre' (did you mean 'costCenter'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AgentConfigurationFile_Missing_IsAnErrorOfTheFile()
    {
        var configuration = AgentConfigurationFile.Load(_agent.Combine("nope.xml"));

        var error = Assert.Single(configuration.Errors);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _agent.Dispose();

    private ProcessingResult Process(ProcessingHost host)
    {
        var envelope = new MessageEnvelope("alice@contoso.com", new[] { "partner@external.example" }, SubmissionOrigin.Authenticated);
        var mime = new MemoryStream(File.ReadAllBytes(_agent.Combine("message.eml")));
        return host.Process(envelope, FakeOrganization.Contoso, mime, CancellationToken.None);
    }

    private string LogText()
    {
        var text = string.Empty;
        foreach (var file in System.IO.Directory.GetFiles(_agent.Combine("Logs")))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text += reader.ReadToEnd();
        }

        return text;
    }
}
