using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ExchangeRules.Mime;
using MimeKit;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// Seals <see cref="StampHeader"/> with the organisation key: <see cref="MarkerMac"/> over the label
/// <c>stamped-v1</c>, the message's <see cref="MessageIdentity"/> (Message-ID, From, Date) and the rule names
/// (upper case, sorted, one per line) — the processed marker's construction with the list of rules added. A copied
/// header does not verify on another message, and a name added to or removed from the list breaks the seal.
/// </summary>
public sealed class StampSeal : IStampSeal
{
    private const string _label = "stamped-v1";
    private readonly OrganizationKey _key;

    /// <summary>Creates the seal for <paramref name="key"/> (and its previous key, during a rotation).</summary>
    public StampSeal(OrganizationKey key)
    {
        _key = key ?? throw new ArgumentNullException(nameof(key));
    }

    /// <inheritdoc />
    public string Seal(HeaderList headers, IReadOnlyCollection<string> ruleNames) =>
        MarkerMac.Value(_key, Signed(headers, ruleNames));

    /// <inheritdoc />
    public bool Verifies(HeaderList headers, IReadOnlyCollection<string> ruleNames, string seal) =>
        MarkerMac.Verifies(_key, Signed(headers, ruleNames), seal);

    private static byte[] Signed(HeaderList headers, IReadOnlyCollection<string> ruleNames)
    {
        var identity = MessageIdentity.Of(headers ?? throw new ArgumentNullException(nameof(headers)));
        var names = (ruleNames ?? throw new ArgumentNullException(nameof(ruleNames)))
            .Select(n => n.Trim().ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal);
        var identityBytes = identity.ToSignedBytes(_label);
        var namesBytes = Encoding.UTF8.GetBytes("\n" + string.Join("\n", names));
        var signed = new byte[identityBytes.Length + namesBytes.Length];
        Buffer.BlockCopy(identityBytes, 0, signed, 0, identityBytes.Length);
        Buffer.BlockCopy(namesBytes, 0, signed, identityBytes.Length, namesBytes.Length);
        return signed;
    }
}
