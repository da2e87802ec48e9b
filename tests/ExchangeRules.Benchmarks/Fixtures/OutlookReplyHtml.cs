using System;
using System.Globalization;
using System.Text;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// Builds the HTML of a Word-generated Outlook desktop reply: Office namespaces, conditional comments, VML,
/// MsoNormal paragraphs, the border-top header div before the quoted history and an image001 signature.
/// The shape follows what Outlook 2016–365 writes; the text is generated so its size can be chosen.
/// </summary>
internal static class OutlookReplyHtml
{
    private const string _head = """
<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<!--[if !mso]><style>v\:* {behavior:url(#default#VML);}
o\:* {behavior:url(#default#VML);}
w\:* {behavior:url(#default#VML);}
.shape {behavior:url(#default#VML);}
</style><![endif]--><style><!--
/* Font Definitions */
@font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
	{font-family:Calibri;
	panose-1:2 15 5 2 2 2 4 3 2 4;}
@font-face
	{font-family:Aptos;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;
	mso-ligatures:standardcontextual;
	mso-fareast-language:EN-US;}
a:link, span.MsoHyperlink
	{mso-style-priority:99;
	color:#0563C1;
	text-decoration:underline;}
span.EmailStyle19
	{mso-style-type:personal-reply;
	font-family:"Calibri",sans-serif;
	color:windowtext;}
.MsoChpDefault
	{mso-style-type:export-only;
	font-size:10.0pt;
	mso-ligatures:none;}
@page WordSection1
	{size:612.0pt 792.0pt;
	margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1
	{page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="EN-GB" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">

""";

    private static readonly string[] _words =
    [
        "quarterly", "forecast", "attached", "please", "review", "numbers", "before", "meeting", "Thursday",
        "contract", "supplier", "delivery", "schedule", "agreed", "invoice", "budget", "approval", "project",
        "update", "customer", "feedback", "revised", "proposal", "timeline", "deadline", "thanks", "regards",
    ];

    /// <summary>Builds an HTML reply of roughly <paramref name="targetBytes"/> bytes (US-ASCII) and its plain-text alternative.</summary>
    public static (string Html, string Text) Build(int targetBytes)
    {
        var html = new StringBuilder(targetBytes + 4096);
        var text = new StringBuilder(targetBytes / 2);
        html.Append(_head);
        AppendParagraphs(html, text, "Hi Anna,", 3, 0);
        html.Append("<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n");
        AppendParagraphs(html, text, "Best regards,", 0, 1);
        text.Append("Bob Jones\r\nContoso Ltd\r\n\r\n");
        html.Append("<p class=\"MsoNormal\"><span style=\"mso-ligatures:none;mso-fareast-language:EN-GB\">")
            .Append("<img width=\"120\" height=\"40\" style=\"width:1.25in;height:.4166in\" id=\"Picture_x0020_1\" ")
            .Append("src=\"cid:image001.png@01DB3F2A.5C1E0B70\" alt=\"Contoso\"></span><o:p></o:p></p>\r\n")
            .Append("<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n");

        var depth = 0;
        while (html.Length < targetBytes - 600)
        {
            AppendQuotedHeader(html, text, depth);
            AppendParagraphs(html, text, depth % 2 == 0 ? "Hello Bob," : "Dear team,", 4, depth + 7);
            depth++;
        }

        html.Append("</div>\r\n</body>\r\n</html>\r\n");
        return (html.ToString(), text.ToString());
    }

    private static void AppendQuotedHeader(StringBuilder html, StringBuilder text, int depth)
    {
        var sent = new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc).AddHours(-3 * depth);
        var from = depth % 2 == 0 ? "Anna Schmidt <anna.schmidt@fabrikam.example>" : "Bob Jones <bob.jones@contoso.example>";
        var sentText = sent.ToString("dddd, d MMMM yyyy HH:mm", CultureInfo.InvariantCulture);
        text.Append("From: ").Append(from).Append("\r\nSent: ").Append(sentText)
            .Append("\r\nTo: Bob Jones <bob.jones@contoso.example>\r\nSubject: RE: Quarterly forecast\r\n\r\n");
        html.Append("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">\r\n")
            .Append("<p class=\"MsoNormal\"><b><span lang=\"EN-US\">From:</span></b><span lang=\"EN-US\"> ")
            .Append(from.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal))
            .Append(" <br>\r\n<b>Sent:</b> ")
            .Append(sentText)
            .Append("<br>\r\n<b>To:</b> Bob Jones &lt;bob.jones@contoso.example&gt;<br>\r\n")
            .Append("<b>Subject:</b> RE: Quarterly forecast<o:p></o:p></span></p>\r\n</div>\r\n")
            .Append("<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n");
    }

    private static void AppendParagraphs(StringBuilder html, StringBuilder text, string greeting, int paragraphs, int seed)
    {
        html.Append("<p class=\"MsoNormal\"><span lang=\"EN-US\">").Append(greeting).Append("<o:p></o:p></span></p>\r\n");
        text.Append(greeting).Append("\r\n\r\n");
        for (var p = 0; p < paragraphs; p++)
        {
            html.Append("<p class=\"MsoNormal\"><span lang=\"EN-US\">");
            for (var w = 0; w < 60; w++)
            {
                var word = _words[(seed * 31 + p * 7 + w * 13) % _words.Length];
                var separator = w % 12 == 11 ? ".\r\n" : " ";
                html.Append(word).Append(separator);
                text.Append(word).Append(separator);
            }

            html.Append("<o:p></o:p></span></p>\r\n");
            text.Append("\r\n");
        }
    }
}
