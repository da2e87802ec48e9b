using System.Collections.Generic;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using ExchangeRules.Templates;

namespace ExchangeRules.Processing;

/// <summary>
/// The template compiler for a configuration: the one place the agent (<see cref="AgentComponents"/>) and the admin
/// tool (<see cref="AgentConfigurationFile"/>) build it, so <c>exrules validate</c> and <c>exrules apply</c> accept and
/// render exactly the fields the agent does.
/// </summary>
internal static class AgentTemplates
{
    public static ITemplateCompiler CreateCompiler(IReadOnlyList<CustomDirectoryField> customFields) =>
        new FluidTemplateCompiler(new TemplateCompilerOptions { CustomFields = customFields });
}
