using System.Collections.Generic;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Processing.Configuration;
using Serilog;

namespace ExchangeRules.Processing;

/// <summary>
/// Creates the concrete parts the host composes (rules with hot reload, MIME editor, directory). Each may
/// throw; <see cref="ProcessingHost"/> catches, logs and runs without the part.
/// </summary>
internal interface IAgentComponents
{
    IMessageEditor CreateEditor(ProcessingOptions options);

    IDirectory CreateDirectory(DirectorySettings settings, ILogger logger);

    /// <summary>The rules with hot reload; templates may read the built-in fields and <paramref name="customFields"/>.</summary>
    IRuleSource CreateRuleSource(RulesSettings settings, ProcessingOptions options, IReadOnlyList<CustomDirectoryField> customFields, ILogger logger);
}
