using System;

namespace ExchangeRules.Mime.Html;

/// <summary>An answer depends on a body part beyond the decoded prefix (HTML or plain text): the whole parts are read instead.</summary>
internal sealed class PrefixTooShortException : Exception
{
    public PrefixTooShortException()
        : base("the answer depends on the part beyond the decoded prefix")
    {
    }
}
