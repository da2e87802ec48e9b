using MimeKit;

namespace ExchangeRules.Harness.Transport;

/// <summary>How the harness writes messages: CRLF line endings as on the SMTP wire, whatever the platform.</summary>
internal static class WireFormat
{
    public static readonly FormatOptions Options = CreateOptions();

    private static FormatOptions CreateOptions()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
