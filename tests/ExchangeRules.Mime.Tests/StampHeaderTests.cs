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

        StampHeader.Write(headers, ["Signature Sales", "Disclaimer DE"]);

        Assert.Equal("Signature Sales, Disclaimer DE", headers[StampHeader.Name]);
        Assert.Equal(["Signature Sales", "Disclaimer DE"], StampHeader.ReadRuleNames(headers).OrderByDescending(n => n.Length));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Write_ManyRules_FoldsAfterCommasWithinTheLineLimitInTheMessagesLineEndings(string newLine)
    {
        var names = Enumerable.Range(1, 12).Select(i => "Regional disclaimer " + i).ToList();
        var message = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(
            ("From: a@contoso.com\nTo: b@fabrikam.example\nSubject: x\nMIME-Version: 1.0\nContent-Type: text/plain\n\nbody\n").Replace("\n", newLine))));

        StampHeader.Write(message.Headers, names.Concat(["regional DISCLAIMER 1", "Bad,\r\nName"]));
        var written = Write(message, newLine == "\r\n" ? NewLineFormat.Dos : NewLineFormat.Unix);

        var block = written.Substring(0, written.IndexOf(newLine + newLine, System.StringComparison.Ordinal));
        var lines = block.Split(newLine);
        Assert.DoesNotContain(lines, line => line.Length > 78 || line.Contains('\r') || line.Contains('\n'));
        Assert.True(lines.Count(line => line.StartsWith(' ')) >= 3, block);
        var reread = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(written)));
        Assert.Equal(names.Append("BadName").OrderBy(n => n), StampHeader.ReadRuleNames(reread.Headers).OrderBy(n => n));
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
