using System;
using System.IO;
using ExchangeRules.Directory;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Templates.Tests.Support;

/// <summary>The shared sample LDIF (samples/directory/contoso.ldif), loaded once.</summary>
internal static class SampleOrganization
{
    private static readonly Lazy<LdifDirectory> _directory = new(() =>
        LdifDirectory.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "samples", "contoso.ldif")));

    public static DirectoryEntry Entry(string address) =>
        _directory.Value.FindBySmtpAddress(address) ?? throw new InvalidOperationException("not in the sample: " + address);

    public static TemplateModel Model(string address, DirectoryEntry? onBehalfOf = null) => new()
    {
        SenderAddress = address,
        SenderDisplayName = "From Header Name",
        Sender = _directory.Value.FindBySmtpAddress(address),
        OnBehalfOf = onBehalfOf,
        Subject = "Quarterly <numbers>",
        Now = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero),
        RuleName = "Signature",
    };

    public static string Render(string template, string address, TemplateFormat format = TemplateFormat.Html) =>
        new FluidTemplateCompiler().Compile(template, format, "test.html").Render(Model(address));
}
