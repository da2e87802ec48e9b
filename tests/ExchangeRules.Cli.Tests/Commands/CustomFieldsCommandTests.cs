using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Cli.Tests.Support;
using ExchangeRules.Templates;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary>
/// <c>exrules validate --config</c> and <c>exrules apply --config</c>: templates checked and rendered against the
/// directory attributes the agent configuration declares, as the agent does (the agent folder of TestData/CustomFields).
/// </summary>
public sealed class CustomFieldsCommandTests : IDisposable
{
    private readonly CustomFieldsAgentFolder _agentFolder = new("exrules-custom-fields-");

    private string Configuration => _agentFolder.Configuration;

    private string Rules => _agentFolder.Rules;

    [Fact]
    public void Validate_ConfigurationDeclaringTheField_AcceptsTheTemplate()
    {
        var (exitCode, output, error) = Run("validate", "--config", Configuration, Rules);

        Assert.Equal(ValidateCommand.Valid, exitCode);
        Assert.Empty(error);
        Assert.Contains(Configuration + ": valid, declares costCenter (contoso-CostCenter), certifications (contoso-Certification)", output, StringComparison.Ordinal);
        Assert.Contains(Rules + ": valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithoutTheConfiguration_RefusesTheUndeclaredFieldAndSaysWhereToDeclareIt()
    {
        var (exitCode, _, error) = Run("validate", Rules);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.Contains("signature.html:3:16: template 'signature' html: unknown field 'sender.costCenter'", error, StringComparison.Ordinal);
        Assert.Contains("<directory><attribute", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TypoOfTheDeclaredField_IsALocatedErrorSuggestingTheDeclaredName()
    {
        File.WriteAllText(Rules, File.ReadAllText(Rules).Replace("signature.html", "signature-typo.html", StringComparison.Ordinal));

        var (exitCode, _, error) = Run("validate", "--config", Configuration, Rules);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.Contains("signature-typo.html:2:16: template 'signature' html: unknown field 'sender.costCentre' (did you mean 'costCenter'?)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidDeclaration_IsReportedAtItsAttributeAndTheRulesAreNotValidated()
    {
        File.WriteAllText(Configuration, File.ReadAllText(Configuration).Replace("name=\"costCenter\"", "name=\"title\"", StringComparison.Ordinal));

        var (exitCode, output, error) = Run("validate", "--config", Configuration, Rules);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.Contains(Configuration + ":7:16: name: 'title' is already a built-in field", error, StringComparison.Ordinal);
        Assert.Contains("the rules were not validated", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Rules, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WithTheConfiguration_RendersTheDeclaredAttributesFromItsLdifDirectory()
    {
        var output = Path.Combine(_agentFolder.Path, "out");

        var (exitCode, printed, error) = Run(
            "apply", "--rules", Rules, "--config", Configuration, "--sender-authenticated", "--out", output, Path.Combine(_agentFolder.Path, "message.eml"));

        Assert.True(exitCode == ApplyCommand.Processed, printed + error);
        var html = MimeKit.MimeMessage.Load(Path.Combine(output, "message.eml")).HtmlBody;
        Assert.Contains("Cost centre CC-4711", html, StringComparison.Ordinal);
        Assert.Contains("Certified: CISSP, CCNP", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ConfigurationWithAnOrganizationKey_SealsTheStampRecordAsTheAgentDoes()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var keyed = Path.Combine(_agentFolder.Path, "keyed.config.xml");
        File.WriteAllText(keyed, File.ReadAllText(Configuration).Replace("</agentConfiguration>", $"  <organizationKey value=\"{key}\" />\n</agentConfiguration>", StringComparison.Ordinal));
        var sealedOutput = Path.Combine(_agentFolder.Path, "sealed");
        var plainOutput = Path.Combine(_agentFolder.Path, "plain");

        var withKey = Run("apply", "--rules", Rules, "--config", keyed, "--sender-authenticated", "--to", "bob@contoso.com", "--out", sealedOutput, Path.Combine(_agentFolder.Path, "message.eml"));
        var withoutKey = Run("apply", "--rules", Rules, "--config", Configuration, "--sender-authenticated", "--to", "bob@contoso.com", "--out", plainOutput, Path.Combine(_agentFolder.Path, "message.eml"));

        Assert.True(withKey.ExitCode == ApplyCommand.Processed, withKey.Output + withKey.Error);
        Assert.Contains("; v1; ", StampRecord(sealedOutput), StringComparison.Ordinal);
        Assert.True(withoutKey.ExitCode == ApplyCommand.Processed, withoutKey.Output + withoutKey.Error);
        Assert.Equal("Signature with the cost centre", StampRecord(plainOutput));
    }

    [Fact]
    public void Apply_InvalidConfiguration_ProcessesNoMessage()
    {
        File.WriteAllText(Configuration, File.ReadAllText(Configuration).Replace("ldap=\"contoso-CostCenter\"", "ldap=\"contoso CostCenter\"", StringComparison.Ordinal));

        var (exitCode, _, error) = Run("apply", "--rules", Rules, "--config", Configuration, "--sender-authenticated", Path.Combine(_agentFolder.Path, "message.eml"));

        Assert.Equal(ApplyCommand.SetupFailed, exitCode);
        Assert.Contains(Configuration + ":7:", error, StringComparison.Ordinal);
        Assert.Contains("no message was processed", error, StringComparison.Ordinal);
    }

    private static string StampRecord(string outputFolder) =>
        MimeKit.MimeMessage.Load(Path.Combine(outputFolder, "message.eml")).Headers["X-ExchangeRules-Stamped"] ?? string.Empty;

    public void Dispose() => _agentFolder.Dispose();

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => Exrules.Run(args);
}
