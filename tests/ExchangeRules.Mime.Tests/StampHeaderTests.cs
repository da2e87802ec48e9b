using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class StampHeaderTests
{
    [Fact]
    public void Write_FewRules_OneLineThatReadsBack()
    {
        var headers = new HeaderList();

        StampHeader.Write(headers, ["Signature Sales", "Disclaimer DE"], seal: null);

        Assert.Equal("Signature Sales, Disclaimer DE", headers[StampHeader.Name]);
        Assert.Equal(["Signature Sales", "Disclaimer DE"], StampHeader.ReadTrustedRuleNames(headers, seal: null, trustsOrigin: true).OrderByDescending(n => n.Length));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Write_ManyRules_FoldsAfterCommasWithinTheLineLimitInTheMessagesLineEndings(string newLine)
    {
        var names = Enumerable.Range(1, 12).Select(i => "Regional disclaimer " + i).ToList();
        var message = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(
            ("From: a@contoso.com\nTo: b@fabrikam.example\nSubject: x\nMIME-Version: 1.0\nContent-Type: text/plain\n\nbody\n").Replace("\n", newLine))));

        StampHeader.Write(message.Headers, names.Concat(["regional DISCLAIMER 1", "Bad,\r\nName"]), seal: null);
        var written = Write(message, newLine == "\r\n" ? NewLineFormat.Dos : NewLineFormat.Unix);

        var block = written.Substring(0, written.IndexOf(newLine + newLine, System.StringComparison.Ordinal));
        var lines = block.Split(newLine);
        Assert.DoesNotContain(lines, line => line.Length > 78 || line.Contains('\r') || line.Contains('\n'));
        Assert.True(lines.Count(line => line.StartsWith(' ')) >= 3, block);
        var reread = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(written)));
        Assert.Equal(names.Append("BadName").OrderBy(n => n), StampHeader.ReadTrustedRuleNames(reread.Headers, seal: null, trustsOrigin: true).OrderBy(n => n));
    }

    [Fact]
    public void ReadTrustedRuleNames_WithoutASeal_TrustsTheHeaderOnlyFromInside()
    {
        var headers = new HeaderList();
        StampHeader.Write(headers, ["Banner"], seal: null);

        Assert.Equal(["Banner"], StampHeader.ReadTrustedRuleNames(headers, seal: null, trustsOrigin: true));
        Assert.Empty(StampHeader.ReadTrustedRuleNames(headers, seal: null, trustsOrigin: false));
    }

    [Fact]
    public void Write_WithASeal_AppendsItAndOnlyAVerifyingHeaderIsTrustedWhateverTheOrigin()
    {
        var seal = new NamesSeal();
        var headers = new HeaderList();

        StampHeader.Write(headers, ["Banner", "Semi;colon"], seal);

        Assert.Equal("Banner, Semicolon; v1; BANNER|SEMICOLON", headers[StampHeader.Name]);
        Assert.Equal(["Banner", "Semicolon"], StampHeader.ReadTrustedRuleNames(headers, seal, trustsOrigin: false).OrderBy(n => n));

        headers[StampHeader.Name] = "Banner, Semicolon, Disclaimer; v1; BANNER|SEMICOLON";
        Assert.Empty(StampHeader.ReadTrustedRuleNames(headers, seal, trustsOrigin: true));
        headers[StampHeader.Name] = "Banner, Semicolon";
        Assert.Empty(StampHeader.ReadTrustedRuleNames(headers, seal, trustsOrigin: true));
    }

    /// <summary>A stand-in for the organisation key's HMAC (in the processing layer): the seal is the names themselves.</summary>
    private sealed class NamesSeal : IStampSeal
    {
        public string Seal(HeaderList headers, IReadOnlyCollection<string> ruleNames) =>
            "v1; " + string.Join("|", ruleNames.Select(n => n.ToUpperInvariant()).OrderBy(n => n, System.StringComparer.Ordinal));

        public bool Verifies(HeaderList headers, IReadOnlyCollection<string> ruleNames, string seal) => seal == Seal(headers, ruleNames);
    }

    private static string Write(MimeMessage message, NewLineFormat newLine)
    {
        using var output = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = newLine;
        message.WriteTo(format, output);
        return Encoding.ASCII.GetString(output.ToArray());
    }
}
