namespace ExchangeRules.Engine.Compilation;

/// <summary>Splits SMTP addresses without allocating more than the result.</summary>
internal static class AddressParts
{
    public static string Domain(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 || at == address.Length - 1 ? string.Empty : address.Substring(at + 1);
    }
}
