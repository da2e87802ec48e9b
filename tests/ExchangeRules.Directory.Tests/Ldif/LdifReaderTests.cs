using System.IO;
using ExchangeRules.Directory.Ldif;
using Xunit;

namespace ExchangeRules.Directory.Tests.Ldif;

public class LdifReaderTests
{
    private static LdifDirectory Parse(string text) => LdifDirectory.Load(new StringReader(text), "test.ldif");

    [Fact]
    public void Load_LdifdeExport_ReadsFoldedBase64AndOptions()
    {
        var directory = LdifDirectory.Load(SamplePaths.TestData("ldifde-export.ldif"));

        var entry = directory.FindBySmtpAddress("folded@contoso.com");

        Assert.NotNull(entry);
        Assert.Equal("Folded User Name", entry.GetValue("displayName"));
        Assert.Equal("Übertitel", entry.GetValue("title"));
        Assert.Equal("with option", entry.GetValue("description"));
    }

    [Theory]
    [InlineData("dn: CN=A,DC=x\nchangetype: modify\nreplace: mail\nmail: a@x.com\n", 2, "changetype 'modify'")]
    [InlineData("dn: CN=A,DC=x\nchangetype: delete\n", 2, "changetype 'delete'")]
    [InlineData("dn: CN=A,DC=x\ncn: A\n-\n", 3, "'-'")]
    [InlineData("version: 2\n\ndn: CN=A,DC=x\n", 1, "version")]
    [InlineData("cn: A\n", 1, "must start with 'dn:'")]
    [InlineData("dn: CN=A,DC=x\nthis line has no colon\n", 2, "expected 'attribute: value'")]
    [InlineData("dn: CN=A,DC=x\nmail:: ***notbase64***\n", 2, "base64")]
    [InlineData("dn: CN=A,DC=x\njpegPhoto:< file:///etc/passwd\n", 2, "URL values")]
    [InlineData(" continued\ndn: CN=A,DC=x\n", 1, "continuation line")]
    [InlineData("dn: CN=A,DC=x\nbad name!: value\n", 2, "not a valid attribute name")]
    [InlineData("dn: CN=A,DC=x\ncontrol: 1.2.3 true\n", 2, "controls")]
    public void Load_InvalidLdif_FailsWithPathAndLine(string text, int line, string problem)
    {
        var error = Assert.Throws<LdifFormatException>(() => Parse(text));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"test.ldif:{line}: ", error.Message, System.StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidUtf8File_FailsWithThePath()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[] { 0x64, 0x6E, 0x3A, 0x20, 0xC3, 0x28, 0x0A });

            var error = Assert.Throws<LdifFormatException>(() => LdifDirectory.Load(path));

            Assert.StartsWith(path + ":", error.Message, System.StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_CommentsBetweenAndInsideRecords_AreIgnored()
    {
        var directory = Parse("# head\n# folded\n  comment\ndn: CN=A,DC=x\n# inside\nmail: a@x.com\n\n\n# tail\n");

        Assert.Equal(1, directory.Count);
        Assert.NotNull(directory.FindBySmtpAddress("A@X.COM"));
    }

    [Fact]
    public void Load_ChangetypeAdd_IsAccepted()
    {
        Assert.NotNull(Parse("dn: CN=A,DC=x\nchangetype: add\nmail: a@x.com\n").FindBySmtpAddress("a@x.com"));
    }
}
