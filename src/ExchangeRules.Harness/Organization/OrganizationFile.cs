using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ExchangeRules.Harness.Tnef;

namespace ExchangeRules.Harness.Organization;

/// <summary>
/// Reads organisation files (<c>urn:exchangerules:organization:1</c>): XSD validation first, then the checks a
/// schema cannot express (unique addresses, recipients in accepted domains, known group members). Every error
/// names the file, line and column.
/// </summary>
public static class OrganizationFile
{
    /// <summary>The XML namespace of organisation files.</summary>
    public const string Namespace = "urn:exchangerules:organization:1";

    private static readonly XNamespace _ns = Namespace;
    private static readonly Lazy<XmlSchemaSet> _schema = new(LoadSchema);

    /// <summary>Loads an organisation file from disk.</summary>
    /// <exception cref="OrganizationFileException">The file is missing, malformed or invalid.</exception>
    public static OrganizationModel Load(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new OrganizationFileException("The organisation file does not exist.", fullPath, 0, 0);
        }

        using var stream = File.OpenRead(fullPath);
        return Load(stream, fullPath, Path.GetDirectoryName(fullPath) ?? string.Empty);
    }

    /// <summary>Loads an organisation file from a stream; relative paths in it resolve against <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="OrganizationFileException">The document is malformed or invalid.</exception>
    public static OrganizationModel Load(Stream stream, string sourceName, string baseDirectory)
    {
        var document = ReadValidated(stream, sourceName);
        return Build(document.Root!, sourceName, baseDirectory);
    }

    private static XDocument ReadValidated(Stream stream, string sourceName)
    {
        var errors = new List<OrganizationFileException>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = _schema.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationEventHandler += (_, e) =>
            errors.Add(new OrganizationFileException(e.Message, sourceName, e.Exception?.LineNumber ?? 0, e.Exception?.LinePosition ?? 0));

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, settings, sourceName);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new OrganizationFileException("The organisation file is not well-formed XML: " + ex.Message, sourceName, ex.LineNumber, ex.LinePosition, ex);
        }

        if (document.Root is null || document.Root.Name != _ns + "organization")
        {
            throw new OrganizationFileException(
                $"The root element must be <organization xmlns=\"{Namespace}\">.", sourceName, LineOf(document.Root), ColumnOf(document.Root));
        }

        if (errors.Count > 0)
        {
            throw errors[0];
        }

        return document;
    }

    private static OrganizationModel Build(XElement root, string sourceName, string baseDirectory)
    {
        var domains = root.Element(_ns + "acceptedDomains")!.Elements(_ns + "domain")
            .Select(d => new AcceptedDomain(
                (string)d.Attribute("name")!,
                ParseEnum<AcceptedDomainType>((string?)d.Attribute("type") ?? nameof(AcceptedDomainType.Authoritative))))
            .ToList();

        var hybridElement = root.Element(_ns + "hybrid");
        var hybrid = hybridElement is null ? null : BuildHybrid(hybridElement);
        var recipientElements = root.Element(_ns + "recipients")?.Elements().ToList() ?? new List<XElement>();
        var recipients = recipientElements.Select(BuildRecipient).ToList();

        CheckRecipients(recipientElements, recipients, domains, hybrid, sourceName);
        CheckRedirectRule(hybridElement, recipients, sourceName);

        var directoryElement = root.Element(_ns + "directory");
        var directory = directoryElement is null ? null : BuildDirectory(directoryElement, baseDirectory, sourceName);
        var server = (string?)root.Attribute("server") ?? "ex01." + domains[0].Name.TrimStart('*', '.');
        return new OrganizationModel((string)root.Attribute("name")!, server, domains, recipients, hybrid, directory);
    }

    private static HybridSettings BuildHybrid(XElement element)
    {
        var ruleElement = element.Element(_ns + "redirectRule");
        RedirectRule? rule = null;
        if (ruleElement is not null)
        {
            rule = new RedirectRule(
                (string?)ruleElement.Attribute("name") ?? "Route cloud mail through on-premises",
                (bool?)ruleElement.Attribute("enabled") ?? true,
                (string?)ruleElement.Attribute("exceptIfHeader"),
                ruleElement.Elements(_ns + "except").Select(e => (string)e.Attribute("address")!).ToList());
        }

        return new HybridSettings(
            (string)element.Attribute("tenantDomain")!,
            (bool?)element.Attribute("centralizedMailTransport") ?? false,
            ParseEnum<MxTarget>((string?)element.Attribute("mx") ?? nameof(MxTarget.OnPremises)),
            (string?)element.Attribute("outboundConnector") ?? "Outbound to on-premises",
            rule);
    }

    private static OrganizationRecipient BuildRecipient(XElement element)
    {
        var kind = element.Name.LocalName switch
        {
            "mailbox" => RecipientKind.OnPremisesMailbox,
            "remoteMailbox" => RecipientKind.RemoteMailbox,
            "cloudOnly" => RecipientKind.CloudOnly,
            _ => (string?)element.Attribute("location") == "CloudOnly" ? RecipientKind.CloudOnlyGroup : RecipientKind.OnPremisesGroup,
        };
        return new OrganizationRecipient(
            (string)element.Attribute("address")!,
            (string?)element.Attribute("name") ?? string.Empty,
            kind,
            element.Elements(_ns + "proxy").Select(p => p.Value.Trim()).ToList(),
            element.Elements(_ns + "member").Select(m => (string)m.Attribute("address")!).ToList(),
            (string?)element.Attribute("forwardTo"),
            (bool?)element.Attribute("deliverToMailboxAndForward") ?? false)
        {
            Client = (string?)element.Attribute("client") == "mailbox" ? SubmissionClient.Mailbox : SubmissionClient.Smtp,
            BodyFormat = (string?)element.Attribute("bodyFormat") switch
            {
                "rtf" => MailboxBodyFormat.Rtf,
                "plain" => MailboxBodyFormat.Plain,
                _ => MailboxBodyFormat.Html,
            },
        };
    }

    private static DirectorySource BuildDirectory(XElement element, string baseDirectory, string sourceName)
    {
        var ldif = (string?)element.Attribute("ldif");
        var ldap = (string?)element.Attribute("ldap");
        if ((ldif is null) == (ldap is null))
        {
            throw Located("The <directory> element needs exactly one of the attributes ldif or ldap.", element, sourceName);
        }

        return new DirectorySource(ldif is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, ldif)), ldap, (string?)element.Attribute("baseDn"));
    }

    private static void CheckRecipients(
        List<XElement> elements,
        List<OrganizationRecipient> recipients,
        IReadOnlyList<AcceptedDomain> domains,
        HybridSettings? hybrid,
        string sourceName)
    {
        var seen = new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < recipients.Count; i++)
        {
            var recipient = recipients[i];
            if (recipient.Kind is RecipientKind.RemoteMailbox or RecipientKind.CloudOnly or RecipientKind.CloudOnlyGroup && hybrid is null)
            {
                throw Located($"The recipient {recipient.PrimaryAddress} lives in Exchange Online, but the file has no <hybrid> element.", elements[i], sourceName);
            }

            foreach (var address in new[] { recipient.PrimaryAddress }.Concat(recipient.ProxyAddresses))
            {
                if (seen.TryGetValue(address, out var first))
                {
                    throw Located($"The address {address} is used twice (first on line {LineOf(first)}).", elements[i], sourceName);
                }

                seen.Add(address, elements[i]);
                var domain = OrganizationModel.DomainOf(address);
                if (!domains.Any(d => d.Matches(domain)))
                {
                    throw Located($"The address {address} is not in an accepted domain.", elements[i], sourceName);
                }
            }
        }

        for (var i = 0; i < recipients.Count; i++)
        {
            foreach (var member in recipients[i].Members)
            {
                if (!seen.ContainsKey(member) && domains.Any(d => d.Matches(OrganizationModel.DomainOf(member))))
                {
                    throw Located($"The group member {member} is in an accepted domain but is not defined in <recipients>.", elements[i], sourceName);
                }
            }

            if (recipients[i].Kind == RecipientKind.OnPremisesGroup
                && recipients[i].Members.Any(m => recipients.FirstOrDefault(r => r.HasAddress(m))?.Kind is RecipientKind.CloudOnly or RecipientKind.CloudOnlyGroup))
            {
                throw Located($"The on-premises group {recipients[i].PrimaryAddress} cannot contain cloud-only objects: on-premises does not know them.", elements[i], sourceName);
            }
        }
    }

    private static void CheckRedirectRule(XElement? hybridElement, IReadOnlyList<OrganizationRecipient> recipients, string sourceName)
    {
        var rule = hybridElement?.Element(_ns + "redirectRule");
        foreach (var except in rule?.Elements(_ns + "except") ?? Enumerable.Empty<XElement>())
        {
            var address = (string)except.Attribute("address")!;
            if (!recipients.Any(r => r.HasAddress(address)))
            {
                throw Located($"The redirect rule excludes {address}, which is not defined in <recipients>.", except, sourceName);
            }
        }
    }

    private static T ParseEnum<T>(string value)
        where T : struct => (T)Enum.Parse(typeof(T), value, ignoreCase: false);

    private static OrganizationFileException Located(string message, XElement element, string sourceName) =>
        new(message, sourceName, LineOf(element), ColumnOf(element));

    private static int LineOf(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static int ColumnOf(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LinePosition : 0;

    private static XmlSchemaSet LoadSchema()
    {
        using var stream = typeof(OrganizationFile).Assembly.GetManifestResourceStream("ExchangeRules.Harness.Organization.organization.xsd")
            ?? throw new InvalidOperationException("The embedded organisation schema is missing from the harness assembly.");
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    }
}
