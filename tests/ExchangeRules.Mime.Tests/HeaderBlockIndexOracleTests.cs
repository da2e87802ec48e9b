using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// The header block index (<see cref="HeaderBlockIndex"/>) against MimeKit's own header parse, the oracle: for every
/// message of the corpus and for hostile blocks, an indexed block has exactly MimeKit's fields (names, order, raw and
/// decoded values) and body start, and every block the index declines is one the editor then parses with MimeKit as
/// before. Through <see cref="MimeMessageContent"/>, what evaluation reads (subject, header values, addresses, line
/// ending, limits) is the same whichever way the block was read.
/// </summary>
public class HeaderBlockIndexOracleTests
{
    private static readonly string[] _addressHeaders = { "From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Resent-From" };

    public static TheoryData<string, string, bool> HostileBlocks()
    {
        var longFolded = "X-MS-Exchange-Organization-AuthAs: Internal" + string.Concat(Enumerable.Repeat("\r\n\tpadding-padding-padding-padding-padding-padding-padding-padding", 300)) + "\r\n";
        var longLine = "X-Long: " + new string('a', 20_000) + "\r\n";
        var manyFields = string.Concat(Enumerable.Range(0, 300).Select(i => $"Received: from host{i}.example ([192.0.2.{i % 250}]) by mx.example; Tue, 8 Dec 2026 03:00:00 +0000\r\n"));
        return new TheoryData<string, string, bool>
        {
            { "duplicate fields, safety headers in mixed case", "Received: a\r\nReceived: b\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\nx-ms-exchange-organization-authas: Anonymous\r\nX-ExchangeRules-Processed: 1\r\nX-EXCHANGERULES-PROCESSED: 2\r\nFrom: a@example.com\r\n\r\nbody\r\n", true },
            { "folded fields", "Subject: one\r\n two\r\n\tthree\r\nFrom: \"Jones,\r\n Bob\" <bob@example.com>\r\nTo: a@example.com,\r\n b@example.com\r\n\r\nbody\r\n", true },
            { "bare LF", "From: a@example.com\nSubject: bare\n line feeds\nTo: b@example.com\n\nbody\n", true },
            { "mixed line endings", "From: a@example.com\nSubject: mixed\r\nTo: b@example.com\n\r\nbody\r\n", true },
            { "no body", "From: a@example.com\r\nSubject: nothing after\r\n\r\n", true },
            { "8-bit bytes", "From: J\u00f6rg <j@example.com>\r\nSubject: caf\u00e9 \u00ff\u00fe raw\r\nX-Raw: \u0080\u0081\r\n\r\nbody\r\n", true },
            { "encoded words", "Subject: =?UTF-8?B?w4TDpMO2?= and =?ISO-8859-1?Q?caf=E9?=\r\nFrom: =?UTF-8?Q?J=C3=B6rg?= <j@example.com>\r\n\r\n", true },
            { "empty and spaced values", "Subject:\r\nX-Empty:   \r\nX-Tabs:\t\tvalue\t\r\nFrom: a@example.com\r\n\r\n", true },
            { "names in other cases and with '.' or '_'", "SUBJECT: upper\r\nsubject: lower\r\nfrom: a@example.com\r\nX.Dotted_Name: 1\r\nMESSAGE-ID: <id@example.com>\r\n\r\n", true },
            { "a folded field over 16 KB", longFolded + "From: a@example.com\r\n\r\nbody\r\n", true },
            { "an unfolded line over 16 KB", longLine + "From: a@example.com\r\n\r\nbody\r\n", true },
            { "a block over the first read", manyFields + "From: a@example.com\r\nSubject: many\r\n\r\nbody\r\n", true },
            { "missing blank line", "From: a@example.com\r\nSubject: no end\r\n", false },
            { "missing blank line and last newline", "From: a@example.com\r\nSubject: no end", false },
            { "leading whitespace on the first line", " From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n", false },
            { "mbox From line", "From someone@example.com Tue Dec  8 03:00:00 2026\r\nFrom: a@example.com\r\n\r\nbody\r\n", false },
            { "white space before the colon", "Subject : spaced\r\nFrom: a@example.com\r\n\r\n", false },
            { "a line without a colon", "From: a@example.com\r\nnot a header\r\nSubject: x\r\n\r\n", false },
            { "a white-space-only line", "From: a@example.com\r\n   \r\nSubject: x\r\n\r\n", false },
            { "NUL in a value", "From: a@example.com\r\nSubject: nul\0here\r\n\r\n", false },
            { "bare CR in a value", "From: a@example.com\r\nSubject: cr\rhere\r\n\r\n", false },
            { "starts with the blank line", "\r\nbody only\r\n", false },
            { "empty message", string.Empty, false },
            { "other punctuation in a name", "X-Odd(name): 1\r\nFrom: a@example.com\r\n\r\n", false },
        };
    }

    [Theory]
    [MemberData(nameof(HostileBlocks))]
    public void HostileBlock_IndexedExactlyAsMimeKitParsesIt_OrLeftToMimeKit(string description, string message, bool indexed)
    {
        var bytes = Latin1(message);
        var index = Compare(bytes, 0, MessageLimits.MaxHeaderBytes, description);

        Assert.Equal(indexed, index is not null);
        AssertSameReads(bytes, description);
    }

    [Fact]
    public void CorpusMessages_IndexedExactlyAsMimeKitParsesThem()
    {
        var corpus = TestRepository.Corpus;
        var paths = File.ReadAllLines(Path.Combine(corpus, "INDEX.tsv")).Skip(1).Select(line => line.Split('\t')[0]).ToList();
        var indexed = 0;
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(Path.Combine(corpus, path));
            if (Compare(bytes, 0, MessageLimits.MaxHeaderBytes, path) is not null)
            {
                indexed++;
            }

            AssertSameReads(bytes, path);
        }

        // The index is worth having only if ordinary mail takes it: most of the corpus has plain header blocks.
        Assert.True(indexed > paths.Count * 3 / 4, $"only {indexed} of {paths.Count} corpus messages were indexed");
    }

    [Fact]
    public void MessageAfterOtherBytesOfTheStream_IsIndexedFromThePosition_AndTheStreamLeftAtTheBody()
    {
        var prefix = Latin1("garbage before the message\r\n");
        var message = Latin1("From: a@example.com\r\nSubject: offset\r\n\r\nbody\r\n");
        using var stream = new MemoryStream(prefix.Concat(message).ToArray(), writable: false) { Position = prefix.Length };

        var index = HeaderBlockIndex.TryRead(stream, MessageLimits.MaxHeaderBytes);

        Assert.NotNull(index);
        Assert.Equal(message.Length - "body\r\n".Length, index.Length);
        Assert.Equal(prefix.Length + index.Length, stream.Position);
        Assert.Equal("offset", index.GetValue(index.IndexOf("subject"), ParserOptions.Default).Trim());
    }

    [Fact]
    public void BlockOverMaxBytes_IsLeftToMimeKit_AndStillOverTheHeaderLimit()
    {
        var message = Latin1(string.Concat(Enumerable.Range(0, 100).Select(i => $"X-Field-{i}: value {i}\r\n")) + "\r\nbody\r\n");
        using var stream = new MemoryStream(message, writable: false);

        Assert.Null(HeaderBlockIndex.TryRead(stream, 1024));

        var editor = new MimeMessageEditor(new MessageEditorOptions { MaxHeaderBytes = 1024 });
        using var content = (MimeMessageContent)editor.Read(new MemoryStream(message, writable: false));
        Assert.Equal(EditLimit.HeaderSize, content.Limit);
        Assert.Equal(100, content.Headers.Count);
    }

    [Fact]
    public void NameIs_FoldsAsciiCaseOnly_AsOrdinalIgnoreCaseDoes()
    {
        var index = HeaderBlockIndex.TryRead(new MemoryStream(Latin1("X-Field-1: a\r\nSubject: b\r\n\r\n")), MessageLimits.MaxHeaderBytes)!;

        Assert.True(index.NameIs(0, "x-FIELD-1"));
        Assert.False(index.NameIs(0, "X-Field_1"));
        Assert.False(index.NameIs(0, "X-Field-"));
        Assert.Equal(string.Equals("Subject", "Subj\u0131ct", StringComparison.OrdinalIgnoreCase), index.NameIs(1, "Subj\u0131ct"));
        Assert.Equal(1, index.IndexOf("SUBJECT"));
        Assert.Equal(-1, index.IndexOf("Subject", 2));
    }

    /// <summary>Indexes the block and, when it is indexed, checks every field and the body start against MimeKit's parse.</summary>
    private static HeaderBlockIndex? Compare(byte[] bytes, int start, int maxBytes, string description)
    {
        using var input = new MemoryStream(bytes, writable: false) { Position = start };
        var index = HeaderBlockIndex.TryRead(input, maxBytes);
        if (index is null)
        {
            return null;
        }

        Assert.Equal(start + index.Length, input.Position);
        var (expected, bodyStart) = ParseWithMimeKit(bytes, start);
        Assert.True(expected is not null, $"{description}: indexed, but MimeKit could not parse the block");
        Assert.Equal(bodyStart, start + index.Length);
        AssertSameFields(expected!, index, description);
        AssertSameHeaders(expected!, index.ToHeaderList(ParserOptions.Default), description);
        return index;
    }

    private static void AssertSameFields(HeaderList expected, HeaderBlockIndex index, string description)
    {
        Assert.True(expected.Count == index.Count, $"{description}: {index.Count} fields indexed, MimeKit parsed {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            var header = expected[i];
            Assert.Equal(header.Field, index.GetName(i));
            Assert.True(header.RawValue.AsSpan().SequenceEqual(index.GetRawValue(i)), $"{description}: raw value of {header.Field} (field {i}) differs");
            Assert.Equal(header.Value, index.GetValue(i, ParserOptions.Default));
            Assert.True(index.NameIs(i, header.Field.ToUpperInvariant()) && index.NameIs(i, header.Field.ToLowerInvariant()), $"{description}: {header.Field} not found by name");
        }
    }

    private static void AssertSameHeaders(HeaderList expected, HeaderList actual, string description)
    {
        Assert.True(expected.Count == actual.Count, $"{description}: the header list from the index has {actual.Count} fields, MimeKit's {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Field, actual[i].Field);
            Assert.Equal(expected[i].Id, actual[i].Id);
            Assert.True(expected[i].RawField.AsSpan().SequenceEqual(actual[i].RawField), $"{description}: raw field {i} differs");
            Assert.True(expected[i].RawValue.AsSpan().SequenceEqual(actual[i].RawValue), $"{description}: raw value {i} differs");
        }
    }

    /// <summary>
    /// What evaluation reads through the editor (indexed when the block allows) equals what it reads from a content built
    /// on MimeKit's header parse, the way the editor read every block before the index.
    /// </summary>
    private static void AssertSameReads(byte[] bytes, string description)
    {
        var editor = new MimeMessageEditor();
        using var read = (MimeMessageContent)editor.Read(new MemoryStream(bytes, writable: false), SubmissionOrigin.Authenticated);
        var (headers, bodyStart) = ParseWithMimeKit(bytes, 0);
        if (headers is null)
        {
            // MimeKit's header parse failed: the editor fell back to its full parse, as before.
            Assert.Null(HeaderBlockIndex.TryRead(new MemoryStream(bytes, writable: false), MessageLimits.MaxHeaderBytes));
            return;
        }

        var options = ParserOptions.Default.Clone();
        options.MaxMimeDepth = MessageEditorOptions.Default.MaxMimeDepth + 1;
        using var parsed = new MimeMessageContent(new MemoryStream(bytes, writable: false), 0, headers, trustsSender: true, options, headerError: null, bodyStart, MessageEditorOptions.Default);

        Assert.Equal(parsed.Subject, read.Subject);
        Assert.Equal(parsed.NewLine, read.NewLine);
        Assert.Equal(parsed.BodyStart, read.BodyStart);
        Assert.Equal(parsed.Limit, read.Limit);
        foreach (var name in headers.Select(header => header.Field).Concat(new[] { "Subject", "Message-ID", "X-Absent", "SUBJECT", "from" }).Distinct(StringComparer.Ordinal))
        {
            Assert.True(parsed.GetHeaderValues(name).SequenceEqual(read.GetHeaderValues(name)), $"{description}: values of {name} differ");
        }

        foreach (var name in _addressHeaders)
        {
            Assert.True(parsed.GetHeaderAddresses(name).SequenceEqual(read.GetHeaderAddresses(name)), $"{description}: addresses of {name} differ");
        }

        Assert.Equal(parsed.Traits, read.Traits);
        AssertSameHeaders(parsed.Headers, read.Headers, description);
    }

    /// <summary>MimeKit's header parse as the editor ran it before the index, with where it says the body starts; no headers when it throws.</summary>
    private static (HeaderList? Headers, long BodyStart) ParseWithMimeKit(byte[] bytes, int start)
    {
        using var input = new MemoryStream(bytes, writable: false) { Position = start };
        var parser = new MimeParser(ParserOptions.Default, input, MimeFormat.Entity, persistent: true);
        try
        {
            var headers = parser.ParseHeaders();
            return (headers, parser.Position);
        }
        catch (FormatException)
        {
            return (null, -1);
        }
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
