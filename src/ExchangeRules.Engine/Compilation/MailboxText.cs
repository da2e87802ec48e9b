namespace ExchangeRules.Engine.Compilation;

/// <summary>Reads the display name and address out of a decoded mailbox header value such as <c>"Doe, Jane" &lt;jane@contoso.com&gt;</c>.</summary>
internal static class MailboxText
{
    public static string DisplayName(string value)
    {
        var open = value.IndexOf('<');
        if (open <= 0)
        {
            return string.Empty;
        }

        return value.Substring(0, open).Trim().Trim('"').Trim();
    }

    public static string Address(string value)
    {
        var open = value.IndexOf('<');
        var close = value.IndexOf('>', open + 1);
        if (open >= 0 && close > open)
        {
            return value.Substring(open + 1, close - open - 1).Trim();
        }

        return value.IndexOf('@') > 0 ? value.Trim() : string.Empty;
    }
}
