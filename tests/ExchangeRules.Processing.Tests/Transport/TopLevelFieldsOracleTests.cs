using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;
using ExchangeRules.Processing.Transport;
using ExchangeRules.Testing;
using MimeKit;
using Xunit;

namespace ExchangeRules.Processing.Tests.Transport;

/// <summary>
/// The handler's decisions from the indexed reading of a header block (<see cref="TopLevelFields"/> over
/// <c>HeaderBlockIndex</c>, what <see cref="HeaderBlockCache"/> gives for a plain block) against MimeKit's
/// <see cref="HeaderList"/>, the oracle, over the corpus and hostile blocks: the origin, every marker value, the
/// marker's trust with and without a key, our own header names and the identity a marker or seal is bound to are
/// the same whichever way the block was read.
/// </summary>
public class TopLevelFieldsOracleTests
{
    private static readonly OrganizationKey _key = OrganizationKey.Generate();

    public static TheoryData<string, string, bool> HostileBlocks()
    {
        var longFolded = "X-MS-Exchange-Organization-AuthAs: Internal" + string.Concat(Enumerable.Repeat("\r\n\tpadding-padding-padding-padding-padding-padding-padding-padding", 300)) + "\r\n";
        var longMarker = "X-ExchangeRules-Processed: processed" + string.Concat(Enumerable.Repeat("\r\n processed-processed-processed-processed-processed-processed", 300)) + "\r\n";
        return new TheoryData<string, string, bool>
        {
            { "forged internal origin after an anonymous one", "X-MS-Exchange-Organization-AuthAs: Anonymous\r\nx-ms-exchange-organization-authas: Internal\r\nX-MS-Exchange-Organization-AuthSource: mail.outlook.com\r\nFrom: a@example.com\r\n\r\nbody\r\n", true },
            { "hybrid connector", "X-MS-EXCHANGE-ORGANIZATION-AUTHAS:  Internal \r\nX-MS-Exchange-Organization-AuthSource: AM0PR01MB1234.eurprd01.prod.OUTLOOK.COM.\r\nX-MS-Exchange-Organization-AuthMechanism: 04\r\nFrom: a@example.com\r\n\r\n", true },
            { "duplicated markers in mixed case", "X-MS-Exchange-Organization-AuthAs: Internal\r\nX-ExchangeRules-Processed: forged\r\nx-exchangerules-processed: processed\r\nX-EXCHANGERULES-STAMPED: Footer\r\nx-exchangerules-stamped: Other\r\nFrom: a@example.com\r\nMessage-ID: <id@example.com>\r\nDate: Tue, 8 Dec 2026 03:00:00 +0000\r\n\r\nbody\r\n", true },
            { "folded identity", "Message-ID:\r\n <folded@example.com>\r\nFrom: \"Jones,\r\n Bob\" <Bob@Example.COM>\r\nDate: Tue,\r\n\t8 Dec 2026\r\n 03:00:00 +0000\r\nX-ExchangeRules-Processed: v1; AAAA\r\n\r\n", true },
            { "encoded words in From and the marker", "From: =?UTF-8?Q?J=C3=B6rg?= <J@example.com>\r\nX-ExchangeRules-Processed: =?UTF-8?B?cHJvY2Vzc2Vk?=\r\nX-MS-Exchange-Organization-AuthAs: =?UTF-8?Q?Internal?=\r\n\r\n", true },
            { "8-bit bytes", "From: J\u00f6rg <j@example.com>\r\nSubject: caf\u00e9\r\nX-ExchangeRules-Processed: \u00ff\u00fe\r\n\r\nbody\r\n", true },
            { "a folded origin over 16 KB", longFolded + "From: a@example.com\r\n\r\nbody\r\n", true },
            { "a folded marker over 16 KB", longMarker + "X-MS-Exchange-Organization-AuthAs: Internal\r\n\r\nbody\r\n", true },
            { "bare LF", "X-MS-Exchange-Organization-AuthAs: Internal\nX-ExchangeRules-Processed: processed\nFrom: a@example.com\n\nbody\n", true },
            { "empty values", "X-MS-Exchange-Organization-AuthAs:\r\nX-ExchangeRules-Processed:\r\nFrom:\r\nMessage-ID:\r\nDate:\r\n\r\n", true },
            { "white space before the colon", "X-MS-Exchange-Organization-AuthAs : Internal\r\nX-ExchangeRules-Processed : processed\r\n\r\n", false },
            { "mbox From line", "From someone@example.com Tue Dec  8 03:00:00 2026\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\nX-ExchangeRules-Processed: processed\r\n\r\n", false },
            { "a line without a colon", "X-MS-Exchange-Organization-AuthAs: Internal\r\nnot a header\r\nX-ExchangeRules-Processed: processed\r\n\r\n", false },
            { "NUL in the marker", "X-MS-Exchange-Organization-AuthAs: Internal\r\nX-ExchangeRules-Processed: proc\0essed\r\n\r\n", false },
            { "bare CR in the origin", "X-MS-Exchange-Organization-AuthAs: Inter\rnal\r\n\r\n", false },
            { "no blank line", "X-MS-Exchange-Organization-AuthAs: Internal\r\nX-ExchangeRules-Processed: processed\r\n", false },
            { "leading white space", " X-MS-Exchange-Organization-AuthAs: Internal\r\nX-ExchangeRules-Processed: processed\r\n\r\n", false },
        };
    }

    [Theory]
    [MemberData(nameof(HostileBlocks))]
    public void HostileBlock_IndexedReadingDecidesAsMimeKit(string description, string message, bool indexed)
    {
        var bytes = Encoding.GetEncoding("ISO-8859-1").GetBytes(message);

        var fields = Indexed(bytes);

        Assert.True(indexed == fields.IsIndexed, description);
        AssertSameDecisions(bytes, fields, description);
    }

    [Fact]
    public void CorpusMessages_IndexedReadingDecidesAsMimeKit()
    {
        var files = TestRepository.CorpusEmlFiles().ToList();
        var indexed = 0;
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            var fields = Indexed(bytes);
            indexed += fields.IsIndexed ? 1 : 0;
            AssertSameDecisions(bytes, fields, path);

            // The same message as Exchange would hand it over: organisation headers and our markers prepended.
            var stamped = Encoding.ASCII.GetBytes("X-MS-Exchange-Organization-AuthAs: Internal\r\nX-ExchangeRules-Processed: processed\r\nX-ExchangeRules-Stamped: Footer\r\n").Concat(bytes).ToArray();
            AssertSameDecisions(stamped, Indexed(stamped), path + " (stamped)");
        }

        // Ordinary mail takes the index: otherwise it would save nothing.
        Assert.True(indexed > files.Count * 3 / 4, $"only {indexed} of {files.Count} corpus messages were indexed");
    }

    [Fact]
    public void SignedMarker_VerifiesFromTheIndexedReading_AsFromMimeKit()
    {
        var block = "From: \"Jones, Bob\" <Bob@Example.com>\r\nMessage-ID: <abc@example.com>\r\nDate: Tue, 8 Dec 2026 03:00:00 +0000\r\nX-MS-Exchange-Organization-AuthAs: Anonymous\r\n";
        var identity = MessageIdentity.Of(HeaderList.Load(ParserOptions.Default, new MemoryStream(Encoding.ASCII.GetBytes(block + "\r\n"))));
        var message = Encoding.ASCII.GetBytes(block + "X-ExchangeRules-Processed: forged\r\nX-ExchangeRules-Processed: " + ProcessedMarker.ValueFor(_key, identity) + "\r\n\r\nbody\r\n");

        var fields = Indexed(message);

        Assert.True(fields.IsIndexed);
        Assert.True(ProcessedMarker.IsTrusted(fields.ValuesOf(ProcessedMarker.Name), SubmissionOrigin.Anonymous, _key, MessageIdentity.Of(fields)));
        AssertSameDecisions(message, fields, "signed marker");
    }

    private static void AssertSameDecisions(byte[] message, TopLevelFields fields, string description)
    {
        var oracle = Oracle(message);

        Assert.True(oracle.Count == fields.Count, description);
        Assert.Equal(Origin(oracle), Origin(fields));
        var markers = oracle.ValuesOf(ProcessedMarker.Name);
        Assert.Equal(markers, fields.ValuesOf(ProcessedMarker.Name));
        Assert.Equal(oracle.NamesStartingWith(TransportHandler.OwnHeaderPrefix), fields.NamesStartingWith(TransportHandler.OwnHeaderPrefix));

        var expected = MessageIdentity.Of(oracle);
        var actual = MessageIdentity.Of(fields);
        Assert.Equal((expected.MessageId, expected.From, expected.Date), (actual.MessageId, actual.From, actual.Date));
        foreach (var origin in new[] { SubmissionOrigin.Anonymous, SubmissionOrigin.Authenticated, SubmissionOrigin.HybridConnector, SubmissionOrigin.Unknown })
        {
            Assert.Equal(ProcessedMarker.IsTrusted(markers, origin, null, null), ProcessedMarker.IsTrusted(fields.ValuesOf(ProcessedMarker.Name), origin, null, null));
            Assert.Equal(ProcessedMarker.IsTrusted(markers, origin, _key, expected), ProcessedMarker.IsTrusted(fields.ValuesOf(ProcessedMarker.Name), origin, _key, actual));
        }

    }

    // As the handler reads a block (TransportHandler.Run.ReadHeaders): what MimeKit cannot parse has no fields.
    private static TopLevelFields Indexed(byte[] message)
    {
        try
        {
            return new HeaderBlockCache().Read(new MemoryStream(message, writable: false), Parse);
        }
        catch (FormatException)
        {
            return TopLevelFields.Empty;
        }
    }

    // The oracle: MimeKit's parse, as the handler read every block before the index.
    private static TopLevelFields Oracle(byte[] message)
    {
        try
        {
            return TopLevelFields.Of(Parse(new MemoryStream(message, writable: false)));
        }
        catch (FormatException)
        {
            return TopLevelFields.Empty;
        }
    }

    private static SubmissionOrigin Origin(TopLevelFields fields) => SubmissionOriginClassifier.Classify(new SubmissionAuthentication(
        fields[OrganizationHeaders.AuthAs], fields[OrganizationHeaders.AuthSource], fields[OrganizationHeaders.AuthMechanism]));

    private static HeaderList Parse(Stream stream) => HeaderList.Load(ParserOptions.Default, stream);
}
