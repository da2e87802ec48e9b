using System;
using System.Globalization;
using System.Text;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// Puts a plain-text stamp into an RTF document at its top or bottom: paragraphs in RTF syntax, with <c>\uN?</c> for
/// characters outside ASCII, so the document's code page does not matter. The top is after the document's header
/// groups (font, colour and style tables, generator, info: RTF 1.9.1 "Header"), the bottom before its last brace.
/// </summary>
public static class RtfStamp
{
    private static readonly string[] _headerGroups =
    {
        "{\\fonttbl", "{\\colortbl", "{\\stylesheet", "{\\*\\generator", "{\\info", "{\\*\\listtable", "{\\*\\listoverridetable",
        "{\\*\\rsidtbl", "{\\*\\latentstyles", "{\\*\\themedata", "{\\*\\colorschememapping", "{\\*\\datastore", "{\\*\\defchp", "{\\*\\defpap",
        "{\\*\\htmltag", "{\\*\\mhtmltag", "{\\*\\pgdsctbl", "{\\*\\xmlnstbl", "{\\filetbl", "{\\*\\revtbl", "{\\*\\userprops",
    };

    /// <summary>The RTF with the text as paragraphs before its final closing brace.</summary>
    /// <exception cref="FormatException">The document does not end with a closing brace.</exception>
    public static byte[] AppendAtBottom(byte[] rtf, string text)
    {
        string document = Latin1(rtf ?? throw new ArgumentNullException(nameof(rtf)));
        int end = document.TrimEnd('\0', '\r', '\n', ' ').Length - 1;
        if (end < 0 || document[end] != '}')
        {
            throw new FormatException("The RTF body does not end with a closing brace.");
        }

        return Bytes(document.Substring(0, end) + "\\pard\\plain " + Paragraphs(text) + document.Substring(end));
    }

    /// <summary>The RTF with the text as paragraphs at the start of its body, after the header groups.</summary>
    /// <exception cref="FormatException">The document does not start with <c>{\rtf</c> or its header is unbalanced.</exception>
    public static byte[] InsertAtTop(byte[] rtf, string text)
    {
        string document = Latin1(rtf ?? throw new ArgumentNullException(nameof(rtf)));
        if (!document.StartsWith("{\\rtf", StringComparison.Ordinal))
        {
            throw new FormatException("The RTF body does not start with {\\rtf.");
        }

        int position = SkipControlWords(document, 1);
        while (true)
        {
            int next = SkipSpace(document, position);
            string? group = Array.Find(_headerGroups, g => string.CompareOrdinal(document, next, g, 0, g.Length) == 0);
            if (group is null)
            {
                position = next;
                break;
            }

            position = EndOfGroup(document, next);
            position = SkipControlWords(document, position);
        }

        return Bytes(document.Substring(0, position) + "{\\pard\\plain " + Paragraphs(text) + "}" + document.Substring(position));
    }

    /// <summary>The text as RTF paragraphs: one <c>\par</c> per line, RTF specials escaped, non-ASCII as <c>\uN?</c>.</summary>
    public static string Paragraphs(string text)
    {
        var rtf = new StringBuilder();
        foreach (char c in (text ?? throw new ArgumentNullException(nameof(text))).Replace("\r\n", "\n"))
        {
            switch (c)
            {
                case '\\' or '{' or '}':
                    rtf.Append('\\').Append(c);
                    break;
                case '\n':
                    rtf.Append("\\par\r\n");
                    break;
                case '\t':
                    rtf.Append("\\tab ");
                    break;
                case < (char)0x80:
                    rtf.Append(c);
                    break;
                default:
                    rtf.Append("\\u").Append(((short)c).ToString(CultureInfo.InvariantCulture)).Append('?');
                    break;
            }
        }

        return rtf.Append("\\par\r\n").ToString();
    }

    // Control words of the document's own group (\ansi\ansicpg1252\deff0...), up to the first group or text.
    private static int SkipControlWords(string document, int position)
    {
        while (position < document.Length)
        {
            position = SkipSpace(document, position);
            if (position >= document.Length || document[position] != '\\' || position + 1 >= document.Length || !char.IsLetter(document[position + 1]))
            {
                return position;
            }

            int start = position;
            position++;
            while (position < document.Length && char.IsLetter(document[position]))
            {
                position++;
            }

            string word = document.Substring(start + 1, position - start - 1);
            while (position < document.Length && (char.IsDigit(document[position]) || document[position] == '-'))
            {
                position++;
            }

            if (position < document.Length && document[position] == ' ')
            {
                position++;
            }

            // Paragraph and character formatting start the body.
            if (word is "pard" or "plain" or "par" or "sectd" or "htmlrtf")
            {
                return start;
            }
        }

        return position;
    }

    private static int SkipSpace(string document, int position)
    {
        while (position < document.Length && document[position] is '\r' or '\n' or ' ')
        {
            position++;
        }

        return position;
    }

    private static int EndOfGroup(string document, int start)
    {
        int depth = 0;
        for (int i = start; i < document.Length; i++)
        {
            switch (document[i])
            {
                case '\\':
                    i++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        throw new FormatException($"The RTF header group at offset {start} is not closed.");
    }

    // RTF is 7-bit text with 8-bit bytes only inside \'hh escapes or binary data: Latin-1 keeps every byte as it is.
    private static string Latin1(byte[] rtf)
    {
        var chars = new char[rtf.Length];
        for (int i = 0; i < rtf.Length; i++)
        {
            chars[i] = (char)rtf[i];
        }

        return new string(chars);
    }

    private static byte[] Bytes(string document)
    {
        var bytes = new byte[document.Length];
        for (int i = 0; i < document.Length; i++)
        {
            bytes[i] = (byte)document[i];
        }

        return bytes;
    }
}
