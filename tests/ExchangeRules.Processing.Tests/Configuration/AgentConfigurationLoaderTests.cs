using System;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Processing.Configuration;
using Serilog.Events;
using Xunit;

namespace ExchangeRules.Processing.Tests.Configuration;

public sealed class AgentConfigurationLoaderTests
{
    private static readonly string _agentFolder = Path.Combine(Path.GetTempPath(), "exrules-agent");

    [Fact]
    public void Load_FullFile_ReadsEverySetting()
    {
        var result = Load("full.xml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var configuration = result.Configuration;
        Assert.Equal(Path.Combine(_agentFolder, "rules", "rules.xml"), configuration.Rules!.Path);
        Assert.Equal(Path.Combine(_agentFolder, "cache"), configuration.Rules.LastGoodFolder);
        Assert.Equal(TimeSpan.FromSeconds(5), configuration.Rules.ReloadDelay);
        Assert.Equal(new Uri("ldap://dc1.contoso.com:3268"), configuration.Directory!.LdapUrl);
        Assert.Equal("DC=contoso,DC=com", configuration.Directory.BaseDn);
        Assert.Equal(LdapAuthentication.Simple, configuration.Directory.Authentication);
        Assert.Equal(TimeSpan.FromSeconds(600), configuration.Directory.CacheDuration);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), configuration.Directory.LookupTimeout);
        Assert.Equal(1000, configuration.Directory.MaxCacheEntries);
        Assert.Equal(LogEventLevel.Debug, configuration.Logging.Level);
        Assert.Equal(LogFormat.Json, configuration.Logging.Format);
        Assert.Equal(10L * 1024 * 1024, configuration.Logging.FileSizeLimitBytes);
        Assert.Equal(7, configuration.Logging.RetainedDays);
        Assert.False(configuration.Logging.EventLog);
        Assert.Equal(5L * 1024 * 1024, configuration.Processing.MaxMessageBytes);
        Assert.Equal(TimeSpan.FromSeconds(3), configuration.Processing.TimeBudget);
        Assert.Equal(TimeSpan.FromMilliseconds(50), configuration.Processing.RegexTimeout);
        Assert.Equal(16, configuration.Processing.MaxMimeDepth);
        Assert.Equal(2L * 1024 * 1024, configuration.Processing.InMemoryEditLimitBytes);
        Assert.Equal(Path.Combine(_agentFolder, "spool"), configuration.Processing.SpoolFolder);
        Assert.Equal(FailurePolicy.FailClosed, configuration.Processing.DefaultFailurePolicy);
        Assert.Equal(TimeSpan.FromMinutes(15), configuration.Processing.DeferRetryInterval);
    }

    [Fact]
    public void Load_EmptyFile_UsesDefaultsWithNoRules()
    {
        var result = Load("empty.xml");

        Assert.True(result.IsValid);
        Assert.Null(result.Configuration.Rules);
        Assert.Null(result.Configuration.Directory);
        Assert.Equal(Path.Combine(_agentFolder, "Logs"), result.Configuration.Logging.Folder);
        Assert.Equal(LogEventLevel.Information, result.Configuration.Logging.Level);
        Assert.Equal(ProcessingOptions.Default.MaxMessageBytes, result.Configuration.Processing.MaxMessageBytes);
        Assert.Equal(FailurePolicy.FailOpen, result.Configuration.Processing.DefaultFailurePolicy);
    }

    [Fact]
    public void Load_LdifDirectory_ResolvesThePathAgainstTheAgentFolder()
    {
        var result = Load("ldif.xml");

        Assert.Equal(Path.Combine(_agentFolder, "directory.ldif"), result.Configuration.Directory!.LdifPath);
        Assert.Null(result.Configuration.Directory.LdapUrl);
    }

    [Fact]
    public void Load_MissingFile_IsNotFoundAndNotAnError()
    {
        var result = AgentConfigurationLoader.Load(Path.Combine(_agentFolder, "nope.xml"), _agentFolder);

        Assert.False(result.Found);
        Assert.True(result.IsValid);
        Assert.Null(result.Configuration.Rules);
    }

    [Fact]
    public void Load_NotWellFormed_ReportsTheLocation()
    {
        var result = Load("not-well-formed.xml");

        var error = result.Errors[^1];
        Assert.Equal(4, error.Line);
        Assert.StartsWith(Fixture("not-well-formed.xml") + ":4:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("rules", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Configuration.Rules);
    }

    [Fact]
    public void Load_SchemaErrors_ReportsEveryErrorWithItsLocation()
    {
        var result = Load("schema-errors.xml");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, error => error.Line == 3 && error.Message.Contains("path", StringComparison.Ordinal));
        Assert.Contains(result.Errors, error => error.Line == 4 && error.Message.Contains("Chatty", StringComparison.Ordinal));
        Assert.Contains(result.Errors, error => error.Line == 4 && error.Message.Contains("retainedDays", StringComparison.Ordinal));
        Assert.Contains(result.Errors, error => error.Line == 5 && error.Message.Contains("maxMimeDepth", StringComparison.Ordinal));
        Assert.Contains(result.Errors, error => error.Line == 6 && error.Message.Contains("deferRetryMinutes", StringComparison.Ordinal));
        Assert.All(result.Errors, error => Assert.Matches(@"^.+:\d+:\d+: .+$", error.ToString()));
        Assert.Null(result.Configuration.Rules);
    }

    [Fact]
    public void Load_SimpleBindWithoutPassword_IsASemanticErrorAtTheLdapElement()
    {
        var result = Load("simple-bind-without-password.xml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("password", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Configuration.Directory);
    }

    [Fact]
    public void OpenXsd_IsAValidSchemaForTheConfigurationNamespace()
    {
        using var xsd = AgentConfigurationLoader.OpenXsd();
        using var reader = System.Xml.XmlReader.Create(xsd, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
        var schema = System.Xml.Schema.XmlSchema.Read(reader, null);

        Assert.Equal(AgentConfiguration.Namespace, schema!.TargetNamespace);
        Assert.Contains(schema.Items.OfType<System.Xml.Schema.XmlSchemaElement>(), element => element.Name == "agentConfiguration");
    }

    [Fact]
    public void Parse_OrganizationKeyWithPreviousValue_VerifiesWithBothAndSignsWithTheCurrent()
    {
        var current = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
        var previous = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray());
        var xml = $"<agentConfiguration xmlns=\"urn:exchangerules:config:v1\"><organizationKey value=\"{current}\" previousValue=\"{previous}\" /></agentConfiguration>";

        var result = AgentConfigurationLoader.Parse(new StringReader(xml), "config.xml", _agentFolder);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var key = result.Configuration.OrganizationKey!;
        Assert.Equal(current, key.ToBase64());
        Assert.Equal(previous, key.Previous?.ToBase64());
        Assert.Same(key, result.Configuration.Processing.OrganizationKey);
    }

    [Fact]
    public void Parse_ShortPreviousOrganizationKey_IsAnErrorNamingTheAttribute()
    {
        var current = Convert.ToBase64String(new byte[32]);
        var xml = $"<agentConfiguration xmlns=\"urn:exchangerules:config:v1\">\n  <organizationKey value=\"{current}\" previousValue=\"AAAA\" />\n</agentConfiguration>";

        var result = AgentConfigurationLoader.Parse(new StringReader(xml), "config.xml", _agentFolder);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, error => error.ToString().Contains("config.xml", StringComparison.Ordinal) && error.ToString().Contains("previousValue", StringComparison.Ordinal));
    }

    private static ConfigurationLoadResult Load(string name) => AgentConfigurationLoader.Load(Fixture(name), _agentFolder);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Configuration", name);
}
