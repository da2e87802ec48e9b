using System.Text;

namespace ExchangeRules.Directory.Ldap;

/// <summary>Builds LDAP filter values safely (RFC 4515 escaping).</summary>
internal static class LdapFilter
{
    /// <summary>Escapes a value for use inside a filter: <c>\ * ( )</c> and NUL become <c>\5c \2a \28 \29 \00</c>.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\5c"); break;
                case '*': builder.Append(@"\2a"); break;
                case '(': builder.Append(@"\28"); break;
                case ')': builder.Append(@"\29"); break;
                case '\0': builder.Append(@"\00"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
