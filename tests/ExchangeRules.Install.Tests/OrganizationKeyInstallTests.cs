using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace ExchangeRules.Install.Tests;

/// <summary>
/// The install script gives every server the organisation key that signs the agent's markers (issue 20): a new
/// 256-bit key, or the organisation's shared one (-OrganizationKeyPath, -OrganizationKey); never a replaced one; and a
/// configuration file only Administrators, SYSTEM and the Transport service's account can read.
/// </summary>
[Collection(InstallScenariosGroup.Name)]
public sealed class OrganizationKeyInstallTests
{
    private static readonly XNamespace _ns = "urn:exchangerules:config:v1";
    private readonly InstallScenarios _scenarios;

    public OrganizationKeyInstallTests(InstallScenarios scenarios)
    {
        _scenarios = scenarios;
    }

    [Fact]
    public void FreshInstall_WithoutAKey_GeneratesA256BitKeyRestrictsTheFileAndWarnsToShareIt()
    {
        var result = _scenarios["key-generated"];
        var bundle = _scenarios.BundleOf("key-generated");

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.Equal("Generated", step.Property("OrganizationKey"));
        var key = Convert.FromBase64String(ConfiguredKey(bundle)!);
        Assert.Equal(32, key.Length);
        Assert.NotEqual(Convert.FromBase64String(ConfiguredKey(_scenarios.BundleOf("key-kept"))!), key);
        var acl = Assert.Single(step.Calls, call => call.Command == "icacls");
        Assert.Equal(Path.Combine(bundle.Target, "ExchangeRules.config.xml"), acl.Parameters["Path"]);
        Assert.Equal("/inheritance:r /grant:r *S-1-5-32-544:(F) *S-1-5-18:(F) *S-1-5-20:(R)", acl.Parameters["Arguments"]);
        Assert.Contains(step.Warnings, warning => warning.Contains("-OrganizationKeyPath", StringComparison.Ordinal));
    }

    [Fact]
    public void FreshInstall_TheConfigurationWithTheKeyIsRestrictedBeforeTheAgentIsRegistered()
    {
        var calls = _scenarios["key-generated"].Steps[0].Calls.Select(call => call.Command).ToList();

        Assert.True(calls.IndexOf("icacls") < calls.IndexOf("Install-TransportAgent"), string.Join(", ", calls));
    }

    [Fact]
    public void FirstServerWithASharedKeyPath_WritesTheNewKeyThereForTheOthersReadableByAdministratorsOnly()
    {
        var result = _scenarios["key-shared-first"];
        var bundle = _scenarios.BundleOf("key-shared-first");

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.Equal("GeneratedShared", step.Property("OrganizationKey"));
        var shared = File.ReadAllText(InstallScenarios.SharedKeyPath(bundle));
        Assert.Equal(32, Convert.FromBase64String(shared).Length);
        Assert.Equal(shared, ConfiguredKey(bundle));
        var sharedAcl = Assert.Single(step.Calls, call => call.Command == "icacls" && call.Parameters["Path"] == InstallScenarios.SharedKeyPath(bundle));
        Assert.Equal("/inheritance:r /grant:r *S-1-5-32-544:(F) *S-1-5-18:(F)", sharedAcl.Parameters["Arguments"]);
        Assert.DoesNotContain(step.Warnings, warning => warning.Contains("this server only", StringComparison.Ordinal));
    }

    [Fact]
    public void NextServerWithASharedKeyPath_UsesTheKeyInTheFile()
    {
        var result = _scenarios["key-shared-next"];

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.Equal("SharedFile", step.Property("OrganizationKey"));
        Assert.Equal(InstallScenarios.SharedKey, ConfiguredKey(_scenarios.BundleOf("key-shared-next")));
    }

    [Fact]
    public void GivenKey_IsConfigured()
    {
        var step = Assert.Single(_scenarios["key-given"].Steps);

        Assert.Null(step.Error);
        Assert.Equal("Parameter", step.Property("OrganizationKey"));
        Assert.Equal(InstallScenarios.SharedKey, ConfiguredKey(_scenarios.BundleOf("key-given")));
    }

    [Fact]
    public void InvalidGivenKey_FailsAndRollsTheInstallationBack()
    {
        var result = _scenarios["key-invalid"];

        var step = Assert.Single(result.Steps);
        Assert.Contains("configuring the organisation key", step.Error, StringComparison.Ordinal);
        Assert.Contains("needs at least 32", step.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(step.Calls, call => call.Command == "Install-TransportAgent");
        Assert.False(Directory.Exists(_scenarios.BundleOf("key-invalid").Target));
    }

    [Fact]
    public void ExistingKey_IsNeverReplaced()
    {
        var result = _scenarios["key-kept"];
        var bundle = _scenarios.BundleOf("key-kept");

        var rerun = result.Steps[1];
        Assert.Null(rerun.Error);
        Assert.Equal("Existing", rerun.Property("OrganizationKey"));
        Assert.NotEqual(InstallScenarios.SharedKey, ConfiguredKey(bundle));
        Assert.Equal(32, Convert.FromBase64String(ConfiguredKey(bundle)!).Length);
        Assert.Contains(rerun.Warnings, warning => warning.Contains("never replaced", StringComparison.Ordinal));
        Assert.Single(XDocument.Load(Path.Combine(bundle.Target, "ExchangeRules.config.xml")).Root!.Elements(_ns + "organizationKey"));
    }

    [Fact]
    public void ReRunOverAnInstallationWithoutAKey_AddsOneEvenWhenNothingElseChanged()
    {
        var result = _scenarios["key-added-on-rerun"];

        var rerun = result.Steps[1];
        Assert.Null(rerun.Error);
        Assert.Equal("UpToDate", rerun.Property("Action"));
        Assert.Equal("Generated", rerun.Property("OrganizationKey"));
        Assert.NotNull(ConfiguredKey(_scenarios.BundleOf("key-added-on-rerun")));
        Assert.Contains(rerun.Warnings, warning => warning.Contains("takes effect when MSExchangeTransport restarts", StringComparison.Ordinal));
    }

    [Fact]
    public void UpgradeWithAConfigurationThatIsNotXml_LeavesItUnchangedAndSaysSo()
    {
        var upgrade = _scenarios["upgrade"].Steps[1];

        Assert.Null(upgrade.Error);
        Assert.Equal("ConfigurationInvalid", upgrade.Property("OrganizationKey"));
        Assert.Contains(upgrade.Warnings, warning => warning.Contains("not valid XML", StringComparison.Ordinal));
    }

    private static string? ConfiguredKey(Bundle bundle) =>
        XDocument.Load(Path.Combine(bundle.Target, "ExchangeRules.config.xml")).Root!.Element(_ns + "organizationKey")?.Attribute("value")?.Value;
}
