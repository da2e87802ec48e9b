using System;
using System.Linq;
using System.Text;
using ExchangeRules.Mime;
using MimeKit;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The data a processed marker is bound to: the message's Message-ID, From address and Date, which no hop of
/// Exchange on-premises or Exchange Online rewrites. Normalised (whitespace removed or collapsed, the address in
/// lower case) so that refolding a header does not change it.
/// </summary>
public sealed class MessageIdentity
{
    private static readonly char[] _whitespace = { ' ', '\t', '\r', '\n' };

    private MessageIdentity(string messageId, string from, string date)
    {
        MessageId = messageId;
        From = from;
        Date = date;
    }

    /// <summary>The Message-ID without whitespace; empty when the message has none.</summary>
    public string MessageId { get; }

    /// <summary>The first From address in lower case; empty when none.</summary>
    public string From { get; }

    /// <summary>The Date header with whitespace collapsed; empty when none.</summary>
    public string Date { get; }

    /// <summary>Whether there is anything to bind a marker to.</summary>
    public bool IsEmpty => MessageId.Length == 0 && From.Length == 0 && Date.Length == 0;


    /// <summary>The identity of the message with these top-level headers.</summary>
    public static MessageIdentity Of(HeaderList headers)
    {
        if (headers is null)
        {
            throw new ArgumentNullException(nameof(headers));
        }

        return Of(headers[HeaderId.MessageId], headers[HeaderId.From], headers[HeaderId.Date]);
    }

    /// <summary>The identity of the message with these top-level fields (the same as <see cref="Of(HeaderList)"/> of the same block).</summary>
    internal static MessageIdentity Of(TopLevelFields fields) =>
        Of(fields["Message-Id"], fields["From"], fields["Date"]);

    private static MessageIdentity Of(string? messageIdText, string? fromText, string? dateText)
    {
        var messageId = new string((messageIdText ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
        fromText ??= string.Empty;
        var from = InternetAddressList.TryParse(fromText, out var list) && list.Mailboxes.FirstOrDefault() is { } mailbox
            ? mailbox.Address.ToLowerInvariant()
            : Collapse(fromText).ToLowerInvariant();
        return new MessageIdentity(messageId, from, Collapse(dateText ?? string.Empty));
    }

    /// <summary>The bytes the HMAC covers.</summary>
    internal byte[] ToSignedBytes(string version) =>
        Encoding.UTF8.GetBytes(version + "\n" + MessageId + "\n" + From + "\n" + Date);

    private static string Collapse(string value) =>
        string.Join(" ", value.Split(_whitespace, StringSplitOptions.RemoveEmptyEntries));
}
