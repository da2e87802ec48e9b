using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MimeKit;

namespace ExchangeRules.Cli.Replay;

/// <summary>
/// The envelope a saved message implies when none is given, as <c>exrules apply</c> takes it: the sender from
/// <c>From</c> (or <c>Sender</c>), the recipients from <c>To</c>, <c>Cc</c> and <c>Bcc</c>.
/// </summary>
internal static class EnvelopeFromHeaders
{
    /// <exception cref="FormatException">The headers cannot be parsed.</exception>
    public static (string Sender, IReadOnlyList<string> Recipients) Read(byte[] mime)
    {
        using var headers = MimeMessage.Load(new MemoryStream(mime, writable: false));
        var sender = headers.From.Mailboxes
            .Concat(headers.Sender is null ? Enumerable.Empty<MailboxAddress>() : new[] { headers.Sender })
            .Select(mailbox => mailbox.Address)
            .FirstOrDefault() ?? string.Empty;
        var recipients = headers.To.Mailboxes.Concat(headers.Cc.Mailboxes).Concat(headers.Bcc.Mailboxes)
            .Select(mailbox => mailbox.Address)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return (sender, recipients);
    }
}
