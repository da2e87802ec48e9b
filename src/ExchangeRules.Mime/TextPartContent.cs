using System;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>Reads and rewrites the decoded text of a body part, keeping its charset when it can represent the new text.</summary>
internal static class TextPartContent
{
    private static readonly Regex _metaCharset = new(
        @"(<meta\b[^>]*?\bcharset\s*=\s*[""']?)([A-Za-z0-9_.:-]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(250));

    public static string Read(TextPart part) => part.Text ?? string.Empty;

    /// <summary>The line ending used inside the text (CRLF unless the text uses bare LF).</summary>
    public static string NewLineOf(string text)
    {
        var lf = text.IndexOf('\n');
        return lf > 0 && text[lf - 1] == '\r' ? "\r\n" : lf >= 0 ? "\n" : "\r\n";
    }

    /// <summary>
    /// Replaces the part's text. The declared charset is kept when it can encode every character, otherwise the part
    /// becomes UTF-8 (and an HTML meta charset is updated to match). The transfer encoding is kept when it is
    /// quoted-printable or base64, otherwise the best 7-bit-safe encoding is chosen (no line over 998 octets).
    /// </summary>
    /// <returns>The charset the part now declares.</returns>
    public static string Write(TextPart part, string text)
    {
        var originalEncoding = part.ContentTransferEncoding;
        var charset = part.ContentType.Charset ?? "us-ascii";
        var encoding = TryGetEncoding(charset);
        if (encoding is null || !CanEncode(encoding, text))
        {
            charset = "utf-8";
            if (part.IsHtml)
            {
                text = RewriteMetaCharset(text, charset);
            }
        }

        part.SetText(charset, text);
        part.ContentTransferEncoding = originalEncoding is ContentEncoding.QuotedPrintable or ContentEncoding.Base64
            ? originalEncoding
            : part.GetBestEncoding(EncodingConstraint.SevenBit, 998);
        return charset;
    }

    private static Encoding? TryGetEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            // No charset parameter means US-ASCII (RFC 2045).
            return Encoding.ASCII;
        }

        try
        {
            var encoding = new ContentType("text", "plain") { Charset = charset }.CharsetEncoding;
            return encoding;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool CanEncode(Encoding encoding, string text)
    {
        try
        {
            var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            strict.GetByteCount(text);
            return true;
        }
        catch (Exception ex) when (ex is EncoderFallbackException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static string RewriteMetaCharset(string html, string charset)
    {
        try
        {
            return _metaCharset.Replace(html, m => m.Groups[1].Value + charset, 1);
        }
        catch (RegexMatchTimeoutException)
        {
            return html;
        }
    }
}
