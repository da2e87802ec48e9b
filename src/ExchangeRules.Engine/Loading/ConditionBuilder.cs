using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Organization;
using static ExchangeRules.Engine.Loading.XmlValues;

namespace ExchangeRules.Engine.Loading;

/// <summary>Builds compiled conditions from condition elements, reporting semantic errors with their location.</summary>
internal sealed class ConditionBuilder
{
    private readonly LoadContext _context;

    public ConditionBuilder(LoadContext context)
    {
        _context = context;
    }

    public GroupCondition BuildGroup(XElement? group, GroupKind kind) =>
        new(kind, group is null ? Enumerable.Empty<Condition>() : BuildChildren(group));

    private List<Condition> BuildChildren(XElement group)
    {
        var children = new List<Condition>();
        foreach (var element in group.Elements())
        {
            var condition = Build(element);
            if (condition is not null)
            {
                children.Add(condition);
            }
        }

        return children;
    }

    private Condition? Build(XElement element)
    {
        if (element.Name.Namespace != RuleSchema.Namespace)
        {
            return null;
        }

        var name = element.Name.LocalName;
        switch (name)
        {
            case "all":
                return new GroupCondition(GroupKind.All, BuildChildren(element));
            case "any":
                return new GroupCondition(GroupKind.Any, BuildChildren(element));
            case "not":
                return new GroupCondition(GroupKind.Not, BuildChildren(element));
            case "senderAddress":
            case "senderDomain":
                return Sender(element, Matcher(element) is { } matcher ? new AddressMatchPredicate(matcher, name == "senderDomain") : null);
            case "senderMemberOf":
                return Sender(element, new MemberOfPredicate(Values(element)));
            case "senderAttribute":
                return Sender(element, AttributePredicate(element));
            case "senderScope":
                return Sender(element, new ScopePredicate(element.Value.Trim() == "inside"));
            case "recipientAddress":
            case "recipientDomain":
                return Recipient(element, Matcher(element) is { } recipientMatcher ? new AddressMatchPredicate(recipientMatcher, name == "recipientDomain") : null);
            case "recipientMemberOf":
                return Recipient(element, new MemberOfPredicate(Values(element)));
            case "recipientAttribute":
                return Recipient(element, AttributePredicate(element));
            case "recipientScope":
                return Recipient(element, new ScopePredicate(element.Value.Trim() == "inside"));
            case "direction":
                return new DirectionCondition(Tokens(element).Select(ParseDirection).ToArray());
            case "subjectContains":
                return new TextCondition(TextTarget.Subject, TextMode.Words, Values(element), TimeSpan.Zero);
            case "bodyContains":
                return new TextCondition(TextTarget.Body, TextMode.Words, Values(element), TimeSpan.Zero);
            case "subjectOrBodyContains":
                return new TextCondition(TextTarget.SubjectOrBody, TextMode.Words, Values(element), TimeSpan.Zero);
            case "subjectMatches":
                return Patterns(element, timeout => new TextCondition(TextTarget.Subject, TextMode.Pattern, Values(element), timeout));
            case "bodyMatches":
                return Patterns(element, timeout => new TextCondition(TextTarget.Body, TextMode.Pattern, Values(element), timeout));
            case "subjectOrBodyMatches":
                return Patterns(element, timeout => new TextCondition(TextTarget.SubjectOrBody, TextMode.Pattern, Values(element), timeout));
            case "messageContainsText":
                return ContainsText(element);
            case "headerExists":
                return new HeaderCondition(Attribute(element, "name") ?? string.Empty, HeaderTest.Exists, Array.Empty<string>(), TimeSpan.Zero);
            case "headerContains":
                return new HeaderCondition(Attribute(element, "name") ?? string.Empty, HeaderTest.Contains, Values(element), TimeSpan.Zero);
            case "headerMatches":
                return Patterns(element, timeout => new HeaderCondition(Attribute(element, "name") ?? string.Empty, HeaderTest.Matches, Values(element), timeout));
            case "hasAttachment":
                return new AttachmentCondition(AttachmentTest.Present, null, 0);
            case "attachmentName":
                return Matcher(element) is { } nameMatcher ? new AttachmentCondition(AttachmentTest.NameMatches, nameMatcher, 0) : null;
            case "attachmentExtension":
                var extensions = Values(element).Select(value => value.TrimStart('.')).ToArray();
                return new AttachmentCondition(AttachmentTest.ExtensionIs, new StringMatcher(MatchKind.Exact, extensions, TimeSpan.Zero), 0);
            case "attachmentSizeOver":
                return SizeText.TryParse(element.Value, out var attachmentBytes) ? new AttachmentCondition(AttachmentTest.SizeOver, null, attachmentBytes) : null;
            case "attachmentCountAtLeast":
                return long.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? new AttachmentCondition(AttachmentTest.CountAtLeast, null, count) : null;
            case "messageSizeOver":
                return SizeText.TryParse(element.Value, out var messageBytes) ? new MessageSizeCondition(messageBytes) : null;
            case "messageType":
                return new MessageTypeCondition(Tokens(element));
            case "importance":
                return new HeaderLevelCondition(false, Tokens(element));
            case "sensitivity":
                return new HeaderLevelCondition(true, Tokens(element));
            default:
                return null;
        }
    }

    private static TextCondition ContainsText(XElement element)
    {
        var wholeBody = Attribute(element, "scope") == "wholeBody";
        var values = Values(element);
        return new TextCondition(
            wholeBody ? TextTarget.Body : TextTarget.NewestPart,
            TextMode.Substring,
            values,
            TimeSpan.Zero,
            (wholeBody ? "the message already contains " : "the newest part of the message already contains ") + StringMatcher.DescribeValues(values));
    }

    private static MessageDirection ParseDirection(string token) => token switch
    {
        "internal" => MessageDirection.Internal,
        "outgoing" => MessageDirection.Outgoing,
        _ => MessageDirection.Incoming,
    };

    private static SenderCondition? Sender(XElement element, AddressPredicate? predicate)
    {
        if (predicate is null)
        {
            return null;
        }

        var location = Attribute(element, "location") switch
        {
            "envelope" => SenderLocation.Envelope,
            "headerOrEnvelope" => SenderLocation.HeaderOrEnvelope,
            _ => SenderLocation.Header,
        };
        return new SenderCondition(predicate, location);
    }

    private RecipientCondition? Recipient(XElement element, AddressPredicate? predicate)
    {
        if (predicate is null)
        {
            return null;
        }

        var source = Attribute(element, "source") switch
        {
            "to" => RecipientSource.To,
            "cc" => RecipientSource.Cc,
            "toOrCc" => RecipientSource.ToOrCc,
            _ => RecipientSource.Envelope,
        };
        var quantifierText = Attribute(element, "quantifier");
        var quantifier = quantifierText switch
        {
            "each" => Quantifier.Each,
            "any" => Quantifier.Any,
            "all" => Quantifier.All,
            _ => source == RecipientSource.Envelope ? Quantifier.Each : Quantifier.Any,
        };
        if (quantifier == Quantifier.Each && source != RecipientSource.Envelope)
        {
            _context.Add(element.Attribute("quantifier")!, $"conflicting options: quantifier 'each' splits the message per envelope recipient and cannot be used with source '{Attribute(element, "source")}'; use 'any' or 'all'");
            return null;
        }

        return new RecipientCondition(predicate, source, quantifier);
    }

    private StringMatcher? Matcher(XElement element)
    {
        var kind = Attribute(element, "match") switch
        {
            "wildcard" => MatchKind.Wildcard,
            "regex" => MatchKind.Regex,
            _ => MatchKind.Exact,
        };
        var values = Values(element);
        if (kind == MatchKind.Regex && !CheckRegexes(element, values))
        {
            return null;
        }

        return kind == MatchKind.Regex
            ? Patterns(element, timeout => new StringMatcher(kind, values, timeout))
            : new StringMatcher(kind, values, Timeout(element) ?? _context.DefaultRegexTimeout);
    }

    private AttributePredicate? AttributePredicate(XElement element)
    {
        var op = Attribute(element, "operator") switch
        {
            "contains" => AttributeOperator.Contains,
            "matches" => AttributeOperator.Matches,
            _ => AttributeOperator.Equals,
        };
        var name = Attribute(element, "name") ?? string.Empty;
        if (op == AttributeOperator.Matches)
        {
            return CheckRegexes(element, Values(element))
                ? Patterns(element, timeout => new AttributePredicate(name, op, Values(element), timeout))
                : null;
        }

        return new AttributePredicate(name, op, Values(element), TimeSpan.Zero);
    }

    private T? Patterns<T>(XElement element, Func<TimeSpan, T> create)
        where T : class
    {
        var timeout = Timeout(element);
        if (timeout is null || !CheckRegexes(element, Values(element)))
        {
            return null;
        }

        return create(timeout.Value);
    }

    /// <summary>The element's match timeout, or null (with an error) when it is not bounded.</summary>
    private TimeSpan? Timeout(XElement element)
    {
        var attribute = element.Attribute("timeoutMilliseconds");
        if (attribute is null)
        {
            return _context.DefaultRegexTimeout;
        }

        if (!int.TryParse(attribute.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return null;
        }

        if (milliseconds < 1 || milliseconds > _context.Options.MaxRegexTimeoutMilliseconds)
        {
            _context.Add(attribute, $"regular expression timeout {milliseconds} ms is not bounded: use 1 to {_context.Options.MaxRegexTimeoutMilliseconds} ms so a pathological pattern cannot stall mail flow");
            return null;
        }

        return TimeSpan.FromMilliseconds(milliseconds);
    }

    private bool CheckRegexes(XElement element, IReadOnlyList<string> patterns)
    {
        var valid = true;
        var valueElements = element.Elements(Name("value")).ToArray();
        for (var i = 0; i < patterns.Count; i++)
        {
            try
            {
                _ = new Regex(patterns[i], RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException exception)
            {
                valid = false;
                XObject at = i < valueElements.Length ? valueElements[i] : element;
                _context.Add(at, $"invalid regular expression '{patterns[i]}': {exception.Message}");
            }
        }

        return valid;
    }
}
