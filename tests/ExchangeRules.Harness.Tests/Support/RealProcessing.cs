using ExchangeRules.Engine.Loading;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Mime;
using ExchangeRules.Processing;
using ExchangeRules.Templates;
using Serilog.Core;

namespace ExchangeRules.Harness.Tests.Support;

/// <summary>On-premises transport running the product's real processing on a rules file under TestData/rules.</summary>
internal static class RealProcessing
{
    public static ProcessorTransport Transport(string rulesFile)
    {
        var plan = RuleSetLoader.Load(TestFiles.Path("rules", rulesFile), new FluidTemplateCompiler());
        return new ProcessorTransport(MessageProcessorFactory.Create(() => plan, null, ProcessingOptions.Default, Logger.None));
    }
}
