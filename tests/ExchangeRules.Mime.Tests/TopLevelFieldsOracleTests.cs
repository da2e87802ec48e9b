using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Messages;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// The traits read from the indexed header block (<see cref="TopLevelFields"/> over <see cref="HeaderBlockIndex"/>, no
/// <see cref="HeaderList"/> built) against the same traits read from MimeKit's header parse, the oracle: over the
/// corpus and over blocks that carry every field the detection reads, in other cases, twice, folded and encoded, for
/// mail from inside and from outside.
/// </summary>
public class TopLevelFieldsOracleTests
{
    private static readonly string[] _readNames =
    {
        "In-Reply-To", "Auto-Submitted", "Precedence", "X-Autoreply", "X-Autorespond", "X-MS-Exchange-Organization-MessageClass",
        "X-MS-Exchange-MessageClass", "Content-Class", "Subject", "X-Absent", "in-reply-to", "CONTENT-CLASS",
    };

    public static TheoryData<string, string> TraitBlocks() => new()
    {
        { "an Outlook reply", "From: a@example.com\r\nSubject: RE: plan\r\nIn-Reply-To: <x@example.com>\r\nThread-Topic: plan\r\n\r\nbody\r\n" },
        { "a reply known only by In-Reply-To, in lower case", "From: a@example.com\r\nSubject: plan\r\nin-reply-to: <x@example.com>\r\n\r\n" },
        { "an out-of-office reply", "From: a@example.com\r\nSubject: Automatic reply: plan\r\nAuto-Submitted: auto-replied\r\nX-MS-Exchange-Organization-MessageClass: IPM.Note.Rules.OofTemplate.Microsoft\r\n\r\n" },
        { "auto-replied, folded and in upper case", "From: a@example.com\r\nAUTO-SUBMITTED:\r\n auto-replied\r\n  (vacation)\r\n\r\n" },
        { "precedence auto_reply with spaces", "From: a@example.com\r\nPrecedence:   auto_reply  \r\n\r\n" },
        { "X-Autoreply and X-Autorespond", "From: a@example.com\r\nX-Autoreply: yes\r\nx-autorespond: 1\r\n\r\n" },
        { "a meeting request by Content-Class", "From: a@example.com\r\nContent-Class: urn:content-classes:calendarmessage\r\nX-MS-Exchange-MessageClass: IPM.Schedule.Meeting.Request\r\n\r\n" },
        { "a meeting response by the organisation's class only", "From: a@example.com\r\nX-MS-Exchange-Organization-MessageClass: IPM.Schedule.Meeting.Resp.Pos\r\n\r\n" },
        { "two message classes, the first one counts", "From: a@example.com\r\nX-MS-Exchange-MessageClass: IPM.Note\r\nX-MS-Exchange-MessageClass: IPM.Schedule.Meeting.Canceled\r\nContent-Class: IPM.Note.Rules.ReplyTemplate\r\n\r\n" },
        { "an encoded message class", "From: a@example.com\r\nX-MS-Exchange-Organization-MessageClass: =?UTF-8?Q?IPM.Schedule.Meeting.Request?=\r\n\r\n" },
        { "an empty In-Reply-To and an empty class", "From: a@example.com\r\nIn-Reply-To:\r\nX-MS-Exchange-Organization-MessageClass:\r\n\r\n" },
        { "8-bit bytes in the class", "From: a@example.com\r\nContent-Class: IPM.Schedule.Meeting.Request\u00e9\u00ff\r\n\r\n" },
        { "nothing the detection reads", "From: a@example.com\r\nSubject: Fwd: [ext] hello\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(TraitBlocks))]
    public void TraitBlock_SameTraitsFromTheIndexAsFromMimeKitsHeaders(string description, string message) =>
        AssertSameTraits(Encoding.Latin1.GetBytes(message), description, mustIndex: true);

    [Fact]
    public void CorpusMessages_SameTraitsFromTheIndexAsFromMimeKitsHeaders()
    {
        var corpus = TestRepository.Corpus;
        var paths = File.ReadAllLines(Path.Combine(corpus, "INDEX.tsv")).Skip(1).Select(line => line.Split('\t')[0]).ToList();
        foreach (var path in paths)
        {
            AssertSameTraits(File.ReadAllBytes(Path.Combine(corpus, path)), path, mustIndex: false);
        }
    }

    private static void AssertSameTraits(byte[] bytes, string description, bool mustIndex)
    {
        var index = HeaderBlockIndex.TryRead(new MemoryStream(bytes, writable: false), MessageLimits.MaxHeaderBytes);
        Assert.True(index is not null || !mustIndex, $"{description}: not indexed");
        if (index is null)
        {
            return;
        }

        var headers = new MimeParser(ParserOptions.Default, new MemoryStream(bytes, writable: false), MimeFormat.Entity, persistent: true).ParseHeaders();
        var indexed = TopLevelFields.Of(index, ParserOptions.Default);
        var parsed = TopLevelFields.Of(headers);
        foreach (var name in headers.Select(header => header.Field).Concat(_readNames).Distinct(StringComparer.Ordinal))
        {
            Assert.True(parsed.Contains(name) == indexed.Contains(name), $"{description}: presence of {name} differs");
            Assert.True(parsed[name] == indexed[name], $"{description}: value of {name} differs");
        }

        var subject = headers[HeaderId.Subject]?.Trim() ?? string.Empty;
        foreach (var trusted in new[] { true, false })
        {
            var expected = MessageTraitDetector.FromHeaders(headers, subject, trusted);
            Assert.True(expected == MessageTraitDetector.FromHeaders(indexed, subject, trusted), $"{description}: traits differ (trusted: {trusted})");
        }
    }
}
