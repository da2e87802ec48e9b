using System;
using System.Globalization;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Engine.Compilation;

/// <summary>What an attachment condition asks.</summary>
internal enum AttachmentTest
{
    Present = 0,
    NameMatches = 1,
    ExtensionIs = 2,
    SizeOver = 3,
    CountAtLeast = 4,
}

/// <summary>Attachment present, name or extension matches, size over, count at least. Inline parts are not attachments.</summary>
internal sealed class AttachmentCondition : Condition
{
    private readonly AttachmentTest _test;
    private readonly StringMatcher? _matcher;
    private readonly long _number;

    public AttachmentCondition(AttachmentTest test, StringMatcher? matcher, long number)
    {
        _test = test;
        _matcher = matcher;
        _number = number;
        Description = test switch
        {
            AttachmentTest.Present => "the message has an attachment",
            AttachmentTest.NameMatches => matcher!.Describe("an attachment name"),
            AttachmentTest.ExtensionIs => "an attachment extension is " + StringMatcher.DescribeValues(matcher!.Values),
            AttachmentTest.SizeOver => "an attachment is larger than " + SizeText.Format(number),
            _ => "the message has at least " + number.ToString(CultureInfo.InvariantCulture) + " attachments",
        };
    }

    public override string Description { get; }

    public override ConditionCost Cost => ConditionCost.Structure;

    protected override bool EvaluateCore(EvaluationState state)
    {
        var count = 0;
        foreach (var attachment in state.Attachments)
        {
            if (attachment.IsInline)
            {
                continue;
            }

            count++;
            if (Matches(attachment))
            {
                return true;
            }
        }

        return _test == AttachmentTest.CountAtLeast && count >= _number;
    }

    private bool Matches(AttachmentInfo attachment) => _test switch
    {
        AttachmentTest.Present => true,
        AttachmentTest.NameMatches => _matcher!.IsMatch(attachment.FileName),
        AttachmentTest.ExtensionIs => _matcher!.IsMatch(Extension(attachment.FileName)),
        AttachmentTest.SizeOver => attachment.Size > _number,
        _ => false,
    };

    private static string Extension(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot < 0 ? string.Empty : fileName.Substring(dot + 1);
    }
}
