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

    IRuleSource CreateRuleSource(RulesSettings settings, ProcessingOptions options, IDirectory? directory, ILogger logger);
}
