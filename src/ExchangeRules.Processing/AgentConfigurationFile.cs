using System;
using System.Collections.Generic;
using System.IO;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Templates;
using ExchangeRules.Processing.Configuration;

namespace ExchangeRules.Processing;

/// <summary>
/// The agent configuration (ExchangeRules.config.xml) as the admin tool reads it: the agent's own loader and checks,
/// and the template compiler the agent would build from it, so a preview and production agree on which template
/// fields exist. Relative paths in the file are relative to its folder, as they are to the agent's.
/// </summary>
public sealed class AgentConfigurationFile
{
    private AgentConfigurationFile(string path, IReadOnlyList<RuleError> errors, DirectorySettings? directory, Transport.OrganizationKey? organizationKey = null)
    {
        Path = path;
        Errors = errors;
        OrganizationKey = organizationKey;
        CustomFields = directory?.CustomFields ?? Array.Empty<CustomDirectoryField>();
        LdifPath = directory?.LdifPath;
    }

    /// <summary>The configuration file.</summary>
    public string Path { get; }

    /// <summary>Every error, located (<c>path:line:column: message</c>); empty when the file is valid.</summary>
    public IReadOnlyList<RuleError> Errors { get; }

    /// <summary>Whether the file is valid.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The directory attributes the file declares for templates.</summary>
    public IReadOnlyList<CustomDirectoryField> CustomFields { get; }

    /// <summary>The LDIF file of <c>&lt;directory&gt;&lt;ldif&gt;</c> (absolute), or <see langword="null"/>.</summary>
    public string? LdifPath { get; }

    /// <summary>
    /// The organisation key of <c>&lt;organizationKey&gt;</c>, or <see langword="null"/>: a preview seals and trusts our
    /// markers exactly as the agent with this configuration does.
    /// </summary>
    public Transport.OrganizationKey? OrganizationKey { get; }

    /// <summary>Loads and validates the file; a missing or unreadable file is an error of it.</summary>
    /// <param name="path">The configuration file.</param>
    public static AgentConfigurationFile Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path ?? throw new ArgumentNullException(nameof(path)));
        if (!File.Exists(full))
        {
            return new AgentConfigurationFile(path, new[] { new RuleError(path, 0, 0, "the agent configuration file does not exist") }, null);
        }

        var loaded = AgentConfigurationLoader.Load(full, System.IO.Path.GetDirectoryName(full)!);
        return new AgentConfigurationFile(path, loaded.Errors, loaded.IsValid ? loaded.Configuration.Directory : null, loaded.IsValid ? loaded.Configuration.OrganizationKey : null);
    }

    /// <summary>The template compiler the agent builds from this configuration.</summary>
    public ITemplateCompiler CreateTemplateCompiler() => AgentTemplates.CreateCompiler(CustomFields);
}
