using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// Writes benchmark rules files (the <c>urn:exchangerules:rules:v1</c> language) into a folder: the realistic
/// 50-rule set an organisation of a few thousand mailboxes runs, and synthetic sets of N rules that never
/// match the benchmark message.
/// </summary>
internal static class RuleSetFiles
{
    /// <summary>The departments that get their own signature rule.</summary>
    public static readonly string[] Departments =
    [
        "Sales", "Marketing", "Finance", "Legal", "HR", "IT", "Support", "Engineering", "Operations", "Procurement", "Executive", "Research",
    ];

    private static readonly string[] _disclaimerCountries = ["DE", "FR", "CH", "AT", "NL", "BE", "IT", "ES"];

    // A valid 1x1 PNG: the signature logo the templates embed.
    private static readonly byte[] _logoPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>
    /// Writes the realistic 50-rule set (banners and subject tags for incoming mail, country disclaimers,
    /// compliance headers, one signature per department with stop-processing, a holiday schedule, a disabled
    /// rule) and its logo; returns the rules file path.
    /// </summary>
    public static string WriteRealistic(string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "logo.png"), _logoPng);
        var xml = new StringBuilder();
        xml.Append("""
<?xml version="1.0" encoding="utf-8"?>
<rules xmlns="urn:exchangerules:rules:v1">
  <templates>
    <template name="banner-external">
      <html><![CDATA[<table role="presentation" width="100%" style="border-collapse:collapse"><tr><td style="background:#FFF4CE;border-left:4px solid #C19C00;padding:6px 10px;font:10pt Segoe UI,Arial,sans-serif">Caution: this message comes from outside Contoso. Do not open links or attachments unless you trust the sender.</td></tr></table>]]></html>
      <text>CAUTION: this message comes from outside Contoso. Do not open links or attachments unless you trust the sender.</text>
    </template>
    <template name="banner-payment">
      <html><![CDATA[<p style="background:#FDE7E9;padding:6px 10px;font:10pt Segoe UI,Arial,sans-serif">This external message mentions payment details. Verify any change of bank details by phone.</p>]]></html>
      <text>WARNING: this external message mentions payment details. Verify any change of bank details by phone.</text>
    </template>

""");
        foreach (var country in _disclaimerCountries)
        {
            xml.Append(CultureInfo.InvariantCulture, $$$"""
    <template name="disclaimer-{{{country}}}">
      <html><![CDATA[<p style="font:8pt Segoe UI,Arial,sans-serif;color:#666666">Contoso {{{country}}} GmbH &middot; {{ sender.company }} &middot; Registered office and court of registration for {{{country}}}. This e-mail may contain confidential information. If you are not the intended recipient, please notify the sender and delete it.</p>]]></html>
      <text>Contoso {{{country}}} · {{ sender.company }} · Registered office and court of registration for {{{country}}}. This e-mail may contain confidential information. If you are not the intended recipient, please notify the sender and delete it.</text>
    </template>

""");
        }

        foreach (var department in Departments)
        {
            xml.Append(CultureInfo.InvariantCulture, $$$"""
    <template name="signature-{{{department}}}">
      <html><![CDATA[<table role="presentation" style="border-collapse:collapse;font:10pt Segoe UI,Arial,sans-serif;color:#333333"><tr><td style="padding-right:12px;vertical-align:top"><img src="cid:contoso-logo" width="96" height="32" alt="Contoso"></td><td style="border-left:2px solid #0078D4;padding-left:12px"><b>{{ sender.displayName }}</b><br>{{ sender.title }} &middot; {{{department}}}<br>Contoso Ltd. &middot; {{ sender.street }}, {{ sender.city }}<br>T {{ sender.phone }} &middot; M {{ sender.mobile }}<br><a href="https://www.contoso.example/">www.contoso.example</a></td></tr></table>]]></html>
      <text>{{ sender.displayName }}
{{ sender.title }} · {{{department}}}
Contoso Ltd. · {{ sender.street }}, {{ sender.city }}
T {{ sender.phone }} · M {{ sender.mobile }}
https://www.contoso.example/</text>
      <image contentId="contoso-logo" file="logo.png" mediaType="image/png"/>
    </template>

""");
        }

        xml.Append("""
    <template name="holiday">
      <html><![CDATA[<p style="font:9pt Segoe UI,Arial,sans-serif">Our offices are closed from 24 December to 1 January.</p>]]></html>
      <text>Our offices are closed from 24 December to 1 January.</text>
    </template>
  </templates>

""");
        AppendRule(xml, "External sender banner", "<direction>incoming</direction>", "<senderDomain match=\"wildcard\"><value>*.contoso-partner.example</value><value>fabrikam-payroll.example</value></senderDomain>", "<addBanner template=\"banner-external\" placement=\"top\"/>");
        AppendRule(xml, "Tag external subject", "<direction>incoming</direction>", null, "<prependSubject>[EXT]</prependSubject>");
        AppendRule(xml, "Payment fraud warning", "<direction>incoming</direction><subjectOrBodyMatches><value>\\b(wire transfer|bank details|payment instructions)\\b</value></subjectOrBodyMatches>", null, "<addBanner template=\"banner-payment\" placement=\"top\"/>");
        AppendRule(xml, "Strip executables from the internet", "<direction>incoming</direction><attachmentExtension><value>exe</value><value>js</value><value>vbs</value><value>scr</value></attachmentExtension>", null, "<removeAttachments><name>*.exe</name><name>*.js</name><name>*.vbs</name><name>*.scr</name></removeAttachments>");
        AppendRule(xml, "Mark bulk mail", "<direction>incoming</direction><headerContains name=\"Precedence\"><value>bulk</value><value>list</value></headerContains>", null, "<setHeader name=\"X-Contoso-Bulk\">yes</setHeader>");
        AppendRule(xml, "Mark newsletters", "<direction>incoming</direction><headerExists name=\"List-Unsubscribe\"/>", null, "<setHeader name=\"X-Contoso-Newsletter\">yes</setHeader>");
        foreach (var country in _disclaimerCountries)
        {
            AppendRule(xml, $"Legal disclaimer {country}", $"<direction>outgoing</direction><senderAttribute name=\"c\"><value>{country}</value></senderAttribute>", null, $"<addDisclaimer template=\"disclaimer-{country}\" placement=\"bottom\"/>");
        }

        AppendRule(xml, "Legal hold journal copy", "<senderMemberOf><value>legal-hold@contoso.example</value></senderMemberOf>", null, "<addBcc>journal@contoso.example</addBcc>");
        AppendRule(xml, "Classify confidential", "<subjectContains><value>CONFIDENTIAL</value><value>[Restricted]</value></subjectContains>", null, "<setHeader name=\"X-Contoso-Classification\">Confidential</setHeader>");
        AppendRule(xml, "Encrypt on request", "<direction>outgoing</direction><subjectMatches><value>^\\s*\\[(secure|encrypt)\\]</value></subjectMatches>", null, "<setHeader name=\"X-Contoso-Encrypt\">yes</setHeader>");
        AppendRule(xml, "Large outgoing mail", "<direction>outgoing</direction><messageSizeOver>20MB</messageSizeOver>", null, "<setHeader name=\"X-Contoso-Large\">yes</setHeader>");
        AppendRule(xml, "Protect the CEO mailbox", "<recipientAddress quantifier=\"any\"><value>megan.bowen@contoso.example</value></recipientAddress><senderScope>outside</senderScope>", null, "<addBanner template=\"banner-external\" placement=\"top\"/>");
        AppendRule(xml, "Finance inbound caution", "<direction>incoming</direction><recipientMemberOf quantifier=\"any\"><value>finance@contoso.example</value></recipientMemberOf>", null, "<addBanner template=\"banner-payment\" placement=\"top\"/>");
        for (var partner = 1; partner <= 5; partner++)
        {
            AppendRule(xml, $"Partner {partner} routing tag", $"<direction>incoming</direction><senderDomain match=\"wildcard\"><value>*.partner{partner}.example</value><value>partner{partner}.example</value></senderDomain>", null, $"<setHeader name=\"X-Contoso-Partner\">partner{partner}</setHeader>");
        }

        AppendRule(xml, "Review mail to embargoed domains", "<direction>outgoing</direction><recipientDomain quantifier=\"any\"><value>embargo1.example</value><value>embargo2.example</value><value>embargo3.example</value><value>embargo4.example</value><value>embargo5.example</value><value>embargo6.example</value><value>embargo7.example</value><value>embargo8.example</value><value>embargo9.example</value><value>embargo10.example</value></recipientDomain>", null, "<setHeader name=\"X-Contoso-Review\">embargo</setHeader>");
        AppendRule(xml, "Intern disclaimer", "<direction>outgoing</direction><senderAttribute name=\"title\" operator=\"contains\"><value>Intern</value></senderAttribute>", null, "<addDisclaimer template=\"holiday\" placement=\"bottom\"/>");
        AppendRule(xml, "Holiday closure notice", "<direction>outgoing</direction>", null, "<addDisclaimer template=\"holiday\" placement=\"bottom\"/>", "<schedule timeZone=\"Europe/London\" from=\"2025-12-20T00:00:00\" until=\"2026-01-02T00:00:00\"/>");
        AppendRule(xml, "Support weekend notice", "<senderMemberOf><value>support@contoso.example</value></senderMemberOf><direction>outgoing</direction>", null, "<addDisclaimer template=\"holiday\" placement=\"bottom\"/>", "<schedule timeZone=\"Europe/London\"><weekdays>saturday sunday</weekdays></schedule>");
        AppendRule(xml, "IT night change notice", "<senderMemberOf><value>it@contoso.example</value></senderMemberOf>", null, "<setHeader name=\"X-Contoso-Change-Window\">night</setHeader>", "<schedule timeZone=\"Europe/London\"><hours from=\"00:00:00\" until=\"06:00:00\"/></schedule>");
        foreach (var department in Departments)
        {
            AppendRule(
                xml,
                $"Signature {department}",
                $"<direction>outgoing</direction><senderMemberOf><value>{department.ToLowerInvariant()}@contoso.example</value></senderMemberOf>",
                "<messageType>autoReply meetingRequest meetingResponse readReceipt deliveryReport signed encrypted</messageType>",
                $"<addSignature template=\"signature-{department}\" placement=\"underNewestReply\"/>",
                stopProcessing: true);
        }

        AppendRule(xml, "HR confidential internal banner", "<direction>internal</direction><subjectContains><value>HR confidential</value></subjectContains>", null, "<addBanner template=\"banner-payment\" placement=\"top\"/>");
        AppendRule(xml, "All-staff broadcast tag", "<recipientAddress quantifier=\"any\"><value>all-staff@contoso.example</value></recipientAddress>", null, "<setHeader name=\"X-Contoso-Broadcast\">yes</setHeader>");
        AppendRule(xml, "Hide executives' client IP", "<direction>outgoing</direction><senderMemberOf><value>executives@contoso.example</value></senderMemberOf>", null, "<removeHeader name=\"X-Originating-IP\"/>");
        AppendRule(xml, "Legacy footer (disabled)", "<direction>outgoing</direction>", null, "<addDisclaimer template=\"holiday\" placement=\"bottom\"/>", enabled: false);
        AppendRule(xml, "Newsletter sender tracking", "<senderAddress><value>newsletter@contoso.example</value><value>noreply@contoso.example</value></senderAddress>", null, "<setHeader name=\"X-Contoso-Campaign\">yes</setHeader>");
        AppendRule(xml, "Tag external auto-replies", "<direction>outgoing</direction><messageType>autoReply</messageType>", null, "<setHeader name=\"X-Contoso-AutoReply\">external</setHeader>");
        AppendRule(xml, "Many attachments notice", "<direction>outgoing</direction><attachmentCountAtLeast>10</attachmentCountAtLeast>", null, "<setHeader name=\"X-Contoso-Attachments\">many</setHeader>");
        AppendRule(xml, "Private mail tag", "<direction>outgoing</direction><sensitivity>private confidential</sensitivity>", null, "<setHeader name=\"X-Contoso-Sensitivity\">private</setHeader>");
        xml.Append("</rules>\n");
        return WriteRules(folder, "realistic-50.xml", xml.ToString());
    }

    /// <summary>The condition kinds of the non-matching rule sets, in the order they take turns.</summary>
    public static readonly string[] NonMatchingKinds = ["senderAddress", "senderDomain", "recipientAddress", "subjectContains", "headerContains"];

    /// <summary>
    /// Writes <paramref name="count"/> rules that do not match the benchmark message (sender, domain,
    /// recipient, subject and header conditions in turn, each setting a header); returns the path.
    /// With <paramref name="onlyKind"/> every rule uses that one condition kind (see <see cref="NonMatchingKinds"/>).
    /// </summary>
    public static string WriteNonMatching(string folder, int count, int onlyKind = -1)
    {
        System.IO.Directory.CreateDirectory(folder);
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rules xmlns=\"urn:exchangerules:rules:v1\">\n");
        for (var i = 0; i < count; i++)
        {
            var condition = (onlyKind >= 0 ? onlyKind : i % 5) switch
            {
                0 => $"<senderAddress><value>user{i}@contoso.example</value></senderAddress>",
                1 => $"<senderDomain><value>partner{i}.example</value></senderDomain>",
                2 => $"<recipientAddress quantifier=\"any\"><value>team{i}@contoso.example</value></recipientAddress>",
                3 => $"<subjectContains><value>Project {i} status</value></subjectContains>",
                _ => $"<headerContains name=\"X-Project\"><value>P-{i}</value></headerContains>",
            };
            AppendRule(xml, $"Rule {i}", condition, null, $"<setHeader name=\"X-Rule-{i}\">yes</setHeader>");
        }

        xml.Append("</rules>\n");
        return WriteRules(folder, onlyKind >= 0 ? $"non-matching-{count}-{NonMatchingKinds[onlyKind]}.xml" : $"non-matching-{count}.xml", xml.ToString());
    }

    private static void AppendRule(StringBuilder xml, string name, string conditions, string? exceptions, string actions, string? schedule = null, bool stopProcessing = false, bool enabled = true)
    {
        xml.Append(CultureInfo.InvariantCulture, $"  <rule name=\"{name}\"{(enabled ? string.Empty : " enabled=\"false\"")}>\n");
        xml.Append(CultureInfo.InvariantCulture, $"    <conditions>{conditions}</conditions>\n");
        if (exceptions is not null)
        {
            xml.Append(CultureInfo.InvariantCulture, $"    <exceptions>{exceptions}</exceptions>\n");
        }

        xml.Append(CultureInfo.InvariantCulture, $"    <actions>{actions}</actions>\n");
        if (schedule is not null || stopProcessing)
        {
            xml.Append(CultureInfo.InvariantCulture, $"    <options{(stopProcessing ? " stopProcessing=\"true\"" : string.Empty)}>{schedule}</options>\n");
        }

        xml.Append("  </rule>\n");
    }

    private static string WriteRules(string folder, string fileName, string xml)
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, xml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
