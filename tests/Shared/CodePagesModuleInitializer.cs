using System.Runtime.CompilerServices;
using System.Text;

namespace ExchangeRules.Tests.Hosting;

/// <summary>
/// Registers the legacy code pages when the test assembly loads, before any test touches MimeKit (which remembers a
/// charset it could not find). The product's hosts do the same at their entry points (ExchangeRules.Mime.CodePageRegistration).
/// </summary>
internal static class CodePagesModuleInitializer
{
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
