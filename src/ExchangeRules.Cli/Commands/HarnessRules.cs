using System;
using System.IO;
using ExchangeRules.Directory;
using ExchangeRules.Directory.Ldif;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Mime;
using ExchangeRules.Processing;
using Serilog.Core;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// The on-premises transport <c>serve</c> and <c>hybrid-check</c> simulate: with <c>--rules</c> the agent's real
/// processing (the rules file compiled as the agent configuration of <c>--config</c> says, the organisation file's LDIF
/// directory or else the configuration's, the MIME editor); without, an agent that
/// matches no rule and only writes its processed marker.
/// </summary>
internal static class HarnessRules
{
    /// <summary>The transport, or <see langword="null"/> with the reason written to <paramref name="error"/>.</summary>
    public static IOnPremisesTransport? CreateTransport(string? rulesPath, string? configurationPath, OrganizationModel organization, TextWriter error)
    {
        if (!AgentConfigurationOption.TryLoad(configurationPath, "the harness was not started.", error.WriteLine, out var configuration))
        {
            return null;
        }

        if (rulesPath is null)
        {
            return new MarkerOnlyTransport();
        }

        IRulePlan plan;
        try
        {
            plan = RuleSetLoader.Load(Path.GetFullPath(rulesPath), AgentConfigurationOption.Compiler(configuration));
        }
        catch (RuleConfigurationException ex)
        {
            error.WriteLine(ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{rulesPath}: {ex.Message}");
            return null;
        }

        IDirectory? directory = null;
        var ldif = organization.Directory?.LdifPath ?? configuration?.LdifPath;
        if (ldif is not null)
        {
            try
            {
                directory = LdifDirectory.Load(ldif);
            }
            catch (Exception ex) when (ex is LdifFormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"The organisation's directory {ldif} cannot be read: {ex.Message}");
                return null;
            }
        }
        else if (organization.Directory?.LdapUrl is { } url)
        {
            error.WriteLine($"Note: the organisation's LDAP directory ({url}) is not used by the harness; rules see no directory attributes.");
        }

        return new ProcessorTransport(MessageProcessorFactory.Create(() => plan, directory, ProcessingOptions.Default, Logger.None));
    }
}
