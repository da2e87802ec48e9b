using System;
using System.Collections.Generic;
using System.IO;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Directory;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Processing;

namespace ExchangeRules.Cli.Replay;

/// <summary>
/// What <c>exrules test</c> and <c>exrules diff</c> replay messages with: a loaded rules file, the organisation
/// (when given) and the directory (explicit, the organisation file's LDIF, or the agent configuration's), loaded as
/// <c>exrules apply</c> loads them, with the template compiler of the agent configuration given with <c>--config</c>.
/// </summary>
internal sealed class ReplaySetup
{
    private ReplaySetup(string rulesPath, IRulePlan plan, IOrganization? organization, IDirectory? directory)
    {
        RulesPath = rulesPath;
        Plan = plan;
        Organization = organization;
        Directory = directory;
    }

    public string RulesPath { get; }

    public IRulePlan Plan { get; }

    /// <summary>The organisation file's model; <see langword="null"/> when none was given (the sender's domain is then the organisation).</summary>
    public IOrganization? Organization { get; }

    public IDirectory? Directory { get; }

    /// <summary>Loads the files (<paramref name="configuration"/>: the valid agent configuration, or null); on failure writes every error (<c>path:line:column: message</c>) to <paramref name="errors"/> and returns <see langword="null"/>.</summary>
    public static ReplaySetup? TryLoad(string rulesPath, string? organizationPath, string? directorySource, AgentConfigurationFile? configuration, ICollection<string> errors)
    {
        IRulePlan plan;
        try
        {
            plan = RuleSetLoader.Load(rulesPath, AgentConfigurationOption.Compiler(configuration));
        }
        catch (RuleConfigurationException exception)
        {
            foreach (var error in exception.Errors)
            {
                errors.Add(error.ToString());
            }

            errors.Add($"{rulesPath}: {exception.Errors.Count} error(s)");
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{rulesPath}: the rules file cannot be read: {exception.Message}");
            return null;
        }

        OrganizationModel? model = null;
        if (organizationPath is not null)
        {
            try
            {
                model = OrganizationFile.Load(organizationPath);
            }
            catch (OrganizationFileException exception)
            {
                errors.Add($"{exception.FileName}:{exception.Line}:{exception.Column}: {exception.Message}");
                return null;
            }
        }

        IDirectory? directory = null;
        var ldif = directorySource ?? model?.Directory?.LdifPath ?? configuration?.LdifPath;
        if (ldif is not null)
        {
            try
            {
                directory = LdifDirectory.Load(ldif);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
            {
                errors.Add($"{ldif}: the directory cannot be loaded: {exception.Message}");
                return null;
            }
        }

        return new ReplaySetup(rulesPath, plan, model, directory);
    }
}
