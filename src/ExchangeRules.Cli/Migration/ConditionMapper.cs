using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ExchangeRules.Cli.Migration;

/// <summary>
/// Maps the predicates of an Exchange transport rule (New-TransportRule's condition parameters, or their
/// <c>ExceptIf</c> twins) to rules-file conditions. Whatever does not map is reported with its reason.
/// </summary>
internal sealed class ConditionMapper
{
    private static readonly XNamespace _ns = TransportRuleImporter.Namespace;

    private readonly ExportedRule _rule;
    private readonly string _prefix;
    private readonly string? _senderLocation;
    private readonly List<ImportIssue> _notImported;
    private readonly List<XElement> _conditions = new();

    private ConditionMapper(ExportedRule rule, string prefix, string? senderLocation, List<ImportIssue> notImported)
    {
        _rule = rule;
        _prefix = prefix;
        _senderLocation = senderLocation;
        _notImported = notImported;
    }

    /// <summary>The conditions (<paramref name="prefix"/> empty) or exceptions (<c>ExceptIf</c>) of <paramref name="rule"/>.</summary>
    /// <param name="rule">The exported rule.</param>
    /// <param name="prefix">Empty for the conditions, <c>ExceptIf</c> for the exceptions.</param>
    /// <param name="senderLocation">The rules file's <c>location</c> for SenderAddressLocation (null for the default, header).</param>
    /// <param name="notImported">Receives what does not map.</param>
    public static IReadOnlyList<XElement> Map(ExportedRule rule, string prefix, string? senderLocation, List<ImportIssue> notImported)
    {
        var mapper = new ConditionMapper(rule, prefix, senderLocation, notImported);
        mapper.MapSenders();
        mapper.MapRecipients();
        mapper.MapContent();
        mapper.MapMessage();
        return mapper._conditions;
    }

    private void MapSenders()
    {
        var location = _senderLocation;
        AddValues("From", "senderAddress", Addresses("From"), ("location", location));
        AddValues("FromAddressContainsWords", "senderAddress", Words("FromAddressContainsWords").Select(Regex.Escape), ("match", "regex"), ("location", location));
        AddValues("FromAddressMatchesPatterns", "senderAddress", Patterns("FromAddressMatchesPatterns"), ("match", "regex"), ("location", location));
        AddValues("SenderDomainIs", "senderDomain", Words("SenderDomainIs"), ("location", location));
        AddValues("FromMemberOf", "senderMemberOf", Words("FromMemberOf"));
        Scope("FromScope", "senderScope");
        Attributes("SenderADAttributeContainsWords", "senderAttribute", "contains");
        Attributes("SenderADAttributeMatchesPatterns", "senderAttribute", "matches");
    }

    private void MapRecipients()
    {
        AddValues("SentTo", "recipientAddress", Addresses("SentTo"));
        AddValues("SentToMemberOf", "recipientMemberOf", Words("SentToMemberOf"));
        Scope("SentToScope", "recipientScope");
        AddValues("RecipientDomainIs", "recipientDomain", Words("RecipientDomainIs"));
        AddValues("RecipientAddressContainsWords", "recipientAddress", Words("RecipientAddressContainsWords").Select(Regex.Escape), ("match", "regex"));
        AddValues("RecipientAddressMatchesPatterns", "recipientAddress", Patterns("RecipientAddressMatchesPatterns"), ("match", "regex"));
        Attributes("RecipientADAttributeContainsWords", "recipientAttribute", "contains");
        Attributes("RecipientADAttributeMatchesPatterns", "recipientAttribute", "matches");
        AddValues("AnyOfRecipientAddressContainsWords", "recipientAddress", Words("AnyOfRecipientAddressContainsWords").Select(Regex.Escape), ("match", "regex"), ("quantifier", "any"));
        AddValues("AnyOfRecipientAddressMatchesPatterns", "recipientAddress", Patterns("AnyOfRecipientAddressMatchesPatterns"), ("match", "regex"), ("quantifier", "any"));
        foreach (var (header, source) in new[] { ("ToHeader", "to"), ("CcHeader", "cc"), ("ToCcHeader", "toOrCc") })
        {
            AddValues("AnyOf" + header, "recipientAddress", Addresses("AnyOf" + header), ("source", source));
            AddValues("AnyOf" + header + "MemberOf", "recipientMemberOf", Words("AnyOf" + header + "MemberOf"), ("source", source));
        }
    }

    private void MapContent()
    {
        AddValues("SubjectContainsWords", "subjectContains", Words("SubjectContainsWords"));
        AddValues("SubjectMatchesPatterns", "subjectMatches", Patterns("SubjectMatchesPatterns"));
        AddValues("SubjectOrBodyContainsWords", "subjectOrBodyContains", Words("SubjectOrBodyContainsWords"));
        AddValues("SubjectOrBodyMatchesPatterns", "subjectOrBodyMatches", Patterns("SubjectOrBodyMatchesPatterns"));
        Header("HeaderContainsMessageHeader", "HeaderContainsWords", "headerContains", Words("HeaderContainsWords"));
        Header("HeaderMatchesMessageHeader", "HeaderMatchesPatterns", "headerMatches", Patterns("HeaderMatchesPatterns").ToList());
        AddValues("AttachmentNameMatchesPatterns", "attachmentName", Patterns("AttachmentNameMatchesPatterns"), ("match", "regex"));
        AddValues("AttachmentExtensionMatchesWords", "attachmentExtension", Words("AttachmentExtensionMatchesWords"));
    }

    private void MapMessage()
    {
        Size("AttachmentSizeOver", "attachmentSizeOver");
        Size("MessageSizeOver", "messageSizeOver");
        var importance = _rule.String(_prefix + "WithImportance");
        if (importance is not null)
        {
            if (importance is "Low" or "Normal" or "High")
            {
                _conditions.Add(new XElement(_ns + "importance", importance.ToLowerInvariant()));
            }
            else
            {
                NotImported("WithImportance", importance, "expected Low, Normal or High");
            }
        }

        var type = _rule.String(_prefix + "MessageTypeMatches");
        if (type is not null)
        {
            var kinds = type switch
            {
                "OOF" => "autoReply",
                "Encrypted" => "encrypted",
                "Signed" => "signed",
                "ReadReceipt" => "readReceipt",
                "Calendaring" => "meetingRequest meetingResponse",
                _ => null,
            };
            if (kinds is null)
            {
                NotImported("MessageTypeMatches", type, type is "AutoForward" or "PermissionControlled" or "Voicemail" or "ApprovalRequest"
                    ? "ExchangeRules does not recognise this message type (rules file messageType: autoReply, encrypted, signed, readReceipt, meetingRequest, meetingResponse, deliveryReport, reply, forward, new)"
                    : "unknown message type (Exchange's are OOF, AutoForward, Encrypted, Calendaring, PermissionControlled, Voicemail, Signed, ApprovalRequest, ReadReceipt)");
            }
            else
            {
                _conditions.Add(new XElement(_ns + "messageType", kinds));
            }
        }
    }

    private void AddValues(string property, string element, IEnumerable<string> values, params (string Name, string? Value)[] attributes)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return;
        }

        _conditions.Add(new XElement(
            _ns + element,
            attributes.Where(attribute => attribute.Value is not null).Select(attribute => new XAttribute(attribute.Name, attribute.Value!)),
            list.Select(value => new XElement(_ns + "value", value))));
    }

    private void Scope(string property, string element)
    {
        var scope = _rule.String(_prefix + property);
        switch (scope)
        {
            case null:
                return;
            case "InOrganization":
                _conditions.Add(new XElement(_ns + element, "inside"));
                return;
            case "NotInOrganization":
                _conditions.Add(new XElement(_ns + element, "outside"));
                return;
            case "ExternalPartner" or "ExternalNonPartner":
                NotImported(property, scope, "ExchangeRules knows inside and outside only; partner domains (Exchange's domain security / TLS partners) are not modelled. Use recipientDomain with the partner domains instead");
                return;
            default:
                NotImported(property, scope, _rule.IsNumber(_prefix + property)
                    ? "the value is a number: export with install/Export-TransportRules.ps1, which writes enum values by name"
                    : "unknown scope (Exchange's are InOrganization, NotInOrganization, ExternalPartner, ExternalNonPartner)");
                return;
        }
    }

    private void Attributes(string property, string element, string @operator)
    {
        foreach (var entry in _rule.Strings(_prefix + property))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var ldap = colon > 0 ? ExchangeValues.LdapAttribute(entry[..colon].Trim()) : null;
            if (ldap is null)
            {
                NotImported(property, entry, colon > 0
                    ? $"unknown Exchange attribute '{entry[..colon].Trim()}' (City, Company, Department, CustomAttribute1..15, Title, ...)"
                    : "expected AttributeName:Value");
                continue;
            }

            var rest = entry[(colon + 1)..];
            var values = @operator == "contains"
                ? rest.Split(',').Select(word => word.Trim()).Where(word => word.Length > 0).ToList()
                : new List<string> { rest };
            if (@operator == "matches" && !IsValidPattern(property, rest))
            {
                continue;
            }

            _conditions.Add(new XElement(_ns + element, new XAttribute("name", ldap), new XAttribute("operator", @operator), values.Select(value => new XElement(_ns + "value", value))));
        }
    }

    private void Header(string nameProperty, string valuesProperty, string element, IReadOnlyList<string> values)
    {
        var name = _rule.String(_prefix + nameProperty);
        if (name is null && values.Count == 0)
        {
            return;
        }

        if (name is null || values.Count == 0)
        {
            NotImported(name is null ? valuesProperty : nameProperty, name ?? string.Join(", ", values), $"{nameProperty} and {valuesProperty} go together; only one was exported");
            return;
        }

        _conditions.Add(new XElement(_ns + element, new XAttribute("name", name), values.Select(value => new XElement(_ns + "value", value))));
    }

    private void Size(string property, string element)
    {
        var value = _rule.String(_prefix + property);
        if (value is null)
        {
            return;
        }

        var bytes = ExchangeValues.Size(value);
        if (bytes is null)
        {
            NotImported(property, value, "unreadable size (expected for example '10 MB (10,485,760 bytes)' or '10MB')");
            return;
        }

        _conditions.Add(new XElement(_ns + element, bytes));
    }

    private IReadOnlyList<string> Words(string property) => _rule.Strings(_prefix + property);

    /// <summary>Recipient identities: SMTP addresses map; a name or alias cannot be resolved without the directory.</summary>
    private IEnumerable<string> Addresses(string property)
    {
        foreach (var value in _rule.Strings(_prefix + property))
        {
            if (value.Contains('@', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal))
            {
                yield return value;
            }
            else
            {
                NotImported(property, value, "a recipient identity that is not an SMTP address (a name, alias or DN) cannot be resolved offline; write the SMTP address");
            }
        }
    }

    private IEnumerable<string> Patterns(string property)
    {
        foreach (var pattern in _rule.Strings(_prefix + property))
        {
            if (IsValidPattern(property, pattern))
            {
                yield return pattern;
            }
        }
    }

    private bool IsValidPattern(string property, string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException exception)
        {
            NotImported(property, pattern, "not a valid .NET regular expression: " + exception.Message);
            return false;
        }
    }

    private void NotImported(string property, string value, string reason) =>
        _notImported.Add(new ImportIssue(property.StartsWith(_prefix, StringComparison.Ordinal) ? property : _prefix + property, value, reason));
}
