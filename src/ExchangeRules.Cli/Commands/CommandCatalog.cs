using System.Collections.Generic;
using System.CommandLine;
using ExchangeRules.Processing;
using ExchangeRules.Templates;

namespace ExchangeRules.Cli.Commands;

/// <summary>Every <c>exrules</c> sub-command; each lives in its own file and is listed here once.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create()
    {
        yield return ValidateCommand.Create(new FluidTemplateCompiler());
        yield return ApplyCommand.Create(MessageProcessorFactory.CreateEditor);
        yield return TestCommand.Create(() => MessageProcessorFactory.CreateEditor(ProcessingOptions.Default));
        yield return DiffCommand.Create(() => MessageProcessorFactory.CreateEditor(ProcessingOptions.Default));
        yield return ImportCommand.Create();
        yield return LintCommand.Create();
        yield return OrgCommand.Create();
        yield return HybridCheckCommand.Create();
        yield return ServeCommand.Create();
        yield return DemoCommand.Create();
    }
}
