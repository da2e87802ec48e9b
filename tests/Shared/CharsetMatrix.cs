using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Encodings;

namespace ExchangeRules.Tests.Hosting;

/// <summary>
/// The charset matrix of issue #19: the same kind of sender text in 40 charsets, as text/plain and text/html, each in
/// 8bit, quoted-printable and base64 (UTF-16 only in base64: its bytes are not line-oriented), stamped with a signature
/// whose characters (ü, ß, em dash, middle dot, euro) most legacy charsets cannot carry. Shared by the editor's test
/// (ExchangeRules.Mime.Tests), the CLI's (exrules apply in its own process) and the net48 agent's under Mono.
/// </summary>
internal static class CharsetMatrix
{
    /// <summary>The rule that stamps the signature (sender inside, under the newest reply).</summary>
    public const string RuleName = "Charset signature";

    /// <summary>The signature's name line: ü, ß, em dash, middle dot and euro sign.</summary>
    public const string SignatureLine = "Jürgen Weiß — Contoso · Zürich €";

    /// <summary>A second line of the sender's text, in ASCII.</summary>
    public const string SecondLine = "Second line of the sender's text.";

    /// <summary>The sender's address (inside: contoso.com) and the recipient's (outside).</summary>
    public const string Sender = "megan.bowen@contoso.com";

    /// <summary>The recipient, outside the organisation.</summary>
    public const string Recipient = "partner@external.example";

    private static readonly Regex _metaCharset = new(@"<meta\b[^>]*?\bcharset\s*=\s*[""']?([A-Za-z0-9_.:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Each charset with a sender text in a script it can carry.</summary>
    public static readonly IReadOnlyList<(string Charset, string Text)> Samples = new[]
    {
        ("us-ascii", "Hello, the numbers are below."),
        ("utf-8", "Grüße, Привет, 東京, 😀 – “quoted”"),
        ("utf-16", "Grüße, Привет, 東京オフィス"),
        ("utf-7", "Grüße aus Zürich, Привет, 東京"),
        ("iso-8859-1", "Grüße aus Zürich, à bientôt, señor"),
        ("iso-8859-2", "Zażółć gęślą jaźń, Příliš žluťoučký kůň"),
        ("iso-8859-3", "Ĉu vi parolas Esperanton? Ĝis revido"),
        ("iso-8859-4", "Labdien, ačiū, Ųdens"),
        ("iso-8859-5", "Привет, как дела?"),
        ("iso-8859-6", "مرحبا بالعالم"),
        ("iso-8859-7", "Καλημέρα κόσμε"),
        ("iso-8859-8", "שלום עולם"),
        ("iso-8859-9", "Günaydın, İstanbul'da şimdi"),
        ("iso-8859-13", "Labdien, ačiū, Šiauliai"),
        ("iso-8859-15", "Prix: 12 €, œuvre, Šárka"),
        ("windows-1250", "Příliš žluťoučký kůň „úpěl“ – ďábelské ódy"),
        ("windows-1251", "Привет, мир — «ёлка» №5"),
        ("windows-1252", "“hello” – it’s €"),
        ("windows-1253", "Καλημέρα – «κόσμε»"),
        ("windows-1254", "Günaydın – “İstanbul”"),
        ("windows-1255", "שלום עולם – “ציטוט”"),
        ("windows-1256", "مرحبا بالعالم – “اقتباس”"),
        ("windows-1257", "Labdien – ačiū, Šiauliai"),
        ("windows-1258", "Cám ơn, Đà – “trích”"),
        ("koi8-r", "Привет, мир, ёлка"),
        ("koi8-u", "Привіт, світе, ґанок"),
        ("ibm866", "Привет, мир"),
        ("ibm850", "Grüße, Zürich ½"),
        ("macintosh", "Grüße – “Zürich” ©"),
        ("shift_jis", "こんにちは、世界。東京オフィス"),
        ("euc-jp", "こんにちは、世界。東京オフィス"),
        ("iso-2022-jp", "こんにちは、世界。東京オフィス"),
        ("euc-kr", "안녕하세요 세계"),
        ("ks_c_5601-1987", "안녕하세요 세계"),
        ("gb2312", "你好，世界。北京办公室"),
        ("gbk", "你好，世界。北京办公室"),
        ("gb18030", "你好，世界。北京办公室 €"),
        ("big5", "你好，世界。臺北辦公室"),
        ("tis-620", "สวัสดีชาวโลก"),
        ("windows-874", "สวัสดีชาวโลก"),
    };

    /// <summary>The rules file: one signature rule for senders inside, with the usenet separator in the text variant.</summary>
    public static string RulesXml => $"""
<?xml version="1.0" encoding="utf-8"?>
<rules xmlns="urn:exchangerules:rules:v1">
  <templates>
    <template name="signature">
      <html><![CDATA[<p>Kind regards</p><p>{SignatureLine}</p>]]></html>
      <text><![CDATA[-- {"\n"}{SignatureLine}]]></text>
    </template>
  </templates>
  <rule name="{RuleName}">
    <conditions>
      <senderScope>inside</senderScope>
    </conditions>
    <actions>
      <addSignature template="signature" placement="underNewestReply" skipIfPresent="true"/>
    </actions>
  </rule>
</rules>
""";

    /// <summary>Every case of the matrix.</summary>
    public static IEnumerable<MatrixCase> Cases()
    {
        foreach (var (charset, text) in Samples)
        {
            foreach (var transfer in new[] { "8bit", "quoted-printable", "base64" })
            {
                if (charset == "utf-16" && transfer != "base64")
                {
                    continue;
                }

                yield return new MatrixCase(charset, transfer, "plain", text);
                yield return new MatrixCase(charset, transfer, "html", text);
            }
        }
    }

    /// <summary>The .NET encoding of a charset (UTF-7 built directly: .NET 5+ refuses to look it up).</summary>
    public static Encoding EncodingOf(string charset)
    {
#pragma warning disable SYSLIB0001 // UTF-7 is what is being tested.
        return charset == "utf-7" ? new UTF7Encoding() : Encoding.GetEncoding(charset == "ks_c_5601-1987" ? "euc-kr" : charset == "gbk" ? "gb2312" : charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
#pragma warning restore SYSLIB0001
    }

    /// <summary>The message of a case, CRLF line ends.</summary>
    public static byte[] Build(MatrixCase matrixCase)
    {
        var encoding = EncodingOf(matrixCase.Charset);
        var body = matrixCase.Html
            ? $"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={matrixCase.Charset}\"></head><body>\r\n<p>{matrixCase.Text}</p>\r\n<p>{SecondLine}</p>\r\n</body></html>\r\n"
            : $"{matrixCase.Text}\r\n\r\n{SecondLine}\r\n";
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(body)).ToArray();
        var content = matrixCase.Transfer switch
        {
            "base64" => Encode(new Base64Encoder(), bytes),
            // Hard line breaks are the encoded content's own (CRLF below); the encoder is given bare line feeds.
            "quoted-printable" => Encode(new QuotedPrintableEncoder(), bytes.Where(b => b != (byte)'\r').ToArray()),
            _ => bytes,
        };
        var header = $"From: Megan Bowen <{Sender}>\r\nTo: Partner <{Recipient}>\r\nSubject: Charset matrix {matrixCase.Name}\r\n"
            + $"Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <{matrixCase.Name}@contoso.com>\r\nMIME-Version: 1.0\r\n"
            + $"Content-Type: text/{matrixCase.Subtype}; charset=\"{matrixCase.Charset}\"\r\nContent-Transfer-Encoding: {matrixCase.Transfer}\r\n\r\n";
        return Encoding.ASCII.GetBytes(header).Concat(content).ToArray();
    }

    /// <summary>Writes every case into <paramref name="folder"/> as NAME.eml; returns the cases.</summary>
    public static IReadOnlyList<MatrixCase> WriteAll(string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        var cases = Cases().ToList();
        foreach (var matrixCase in cases)
        {
            File.WriteAllBytes(Path.Combine(folder, matrixCase.FileName), Build(matrixCase));
        }

        return cases;
    }

    /// <summary>
    /// What is wrong with the stamped message, or <see langword="null"/>: it parses, its text part decodes strictly in
    /// the charset it declares, holds the sender's text exactly and the signature exactly once (plain text: under a
    /// "-- " line), and an HTML meta charset agrees with the declared charset.
    /// </summary>
    public static string? Problem(MatrixCase matrixCase, byte[] output)
    {
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(new MemoryStream(output));
        }
        catch (FormatException ex)
        {
            return "does not parse: " + ex.Message;
        }

        if (message.Body is not TextPart part)
        {
            return "the body is no longer a single text part";
        }

        var charset = part.ContentType.Charset ?? "us-ascii";
        string text;
        try
        {
            using var bytes = new MemoryStream();
            part.Content?.DecodeTo(bytes);
            text = EncodingOf(charset).GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
        }
        catch (Exception ex) when (ex is DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            return $"the part does not decode as the {charset} it declares: {ex.Message}";
        }

        if (!text.Contains(matrixCase.Text, StringComparison.Ordinal) || !text.Contains(SecondLine, StringComparison.Ordinal))
        {
            return $"the sender's text did not survive (declared {charset}): {Shorten(text)}";
        }

        var signatures = Regex.Count(text, Regex.Escape(SignatureLine));
        if (signatures != 1)
        {
            return $"the signature appears {signatures} times (declared {charset}): {Shorten(text)}";
        }

        if (!matrixCase.Html && !text.Replace("\r\n", "\n", StringComparison.Ordinal).Contains("\n-- \n" + SignatureLine, StringComparison.Ordinal))
        {
            return "the plain-text signature is not under a \"-- \" separator line: " + Shorten(text);
        }

        if (matrixCase.Html && _metaCharset.Match(text) is { Success: true } meta
            && !string.Equals(EncodingOf(meta.Groups[1].Value).WebName, EncodingOf(charset).WebName, StringComparison.OrdinalIgnoreCase))
        {
            return $"the meta charset {meta.Groups[1].Value} disagrees with the declared {charset}";
        }

        return null;
    }

    /// <summary>The charset the stamped message's text part declares (what the editor kept or converted to).</summary>
    public static string DeclaredCharset(byte[] output)
    {
        try
        {
            return (MimeMessage.Load(new MemoryStream(output)).Body as TextPart)?.ContentType.Charset ?? "(none)";
        }
        catch (FormatException)
        {
            return "(unreadable)";
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? string.Concat(text.AsSpan(0, 300), "…") : text;

    private static byte[] Encode(IMimeEncoder encoder, byte[] bytes)
    {
        var output = new byte[encoder.EstimateOutputLength(bytes.Length)];
        var length = encoder.Flush(bytes, 0, bytes.Length, output);

        // MimeKit's encoders end lines with a bare line feed; the message uses CRLF.
        return Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(output, 0, length).Replace("\n", "\r\n", StringComparison.Ordinal));
    }
}

/// <summary>One cell of the charset matrix.</summary>
internal sealed record MatrixCase(string Charset, string Transfer, string Subtype, string Text)
{
    /// <summary>Whether the part is text/html.</summary>
    public bool Html => Subtype == "html";

    /// <summary>A name for files and message ids.</summary>
    public string Name => $"{Charset}.{Transfer}.{Subtype}";

    /// <summary>The file the case is written to.</summary>
    public string FileName => Name + ".eml";
}
