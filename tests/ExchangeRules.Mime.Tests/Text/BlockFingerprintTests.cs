using ExchangeRules.Mime.Text;
using Xunit;

namespace ExchangeRules.Mime.Tests.Text;

public class BlockFingerprintTests
{
    private const string _block = "This e-mail is confidential. If you are not the intended recipient, please notify the sender and delete it. Contoso Ltd, London.";

    [Theory]
    [InlineData("Thanks! This e-mail is confidential. If you are not the intended recipient, please notify the sender and delete it. Contoso Ltd, London.")]
    [InlineData("This\u00a0e-mail is\r\nconfidential.  If you are not the intended\nrecipient, please notify the sender and delete it. Contoso Ltd, London.")]
    [InlineData("THIS E-MAIL IS CONFIDENTIAL. IF YOU ARE NOT THE INTENDED RECIPIENT, PLEASE NOTIFY THE SENDER AND DELETE IT. CONTOSO LTD, LONDON.")]
    [InlineData("This e\u2011mail is confidential – if you are not the intended recipient please tell the sender (https://contoso.example/privacy) and delete it; Contoso Ltd, London")]
    public void FoundIn_TextRewrittenByAMailClient_IsFound(string text)
    {
        Assert.True(BlockFingerprint.Of(_block).FoundIn(text));
    }

    [Theory]
    [InlineData("This e-mail is confidential. Regards, Tom")]
    [InlineData("This e-mail is confidential. If you are not the intended recipient, please notify the sender and delete it.")]
    [InlineData("Contoso Ltd, London.")]
    public void FoundIn_OtherOrPartialText_IsNotFound(string text)
    {
        Assert.False(BlockFingerprint.Of(_block).FoundIn(text));
    }

    [Fact]
    public void FoundIn_FirstAndLastWordsTooFarApart_IsNotFound()
    {
        var text = "This e-mail is confidential. " + new string('x', 2000) + " and delete it. Contoso Ltd, London.";

        Assert.False(BlockFingerprint.Of(_block).FoundIn(text));
    }

    [Fact]
    public void FoundIn_ShortBlock_NeedsTheWholeText()
    {
        var fingerprint = BlockFingerprint.Of("Jan Schmidt | Contoso");

        Assert.True(fingerprint.FoundIn("Regards, Jan Schmidt | Contoso"));
        Assert.False(fingerprint.FoundIn("Jan Schmidt of Contoso"));
    }

    [Fact]
    public void Probe_IsAnAsciiWordOfTheBeginning()
    {
        Assert.Equal("this", BlockFingerprint.Of(_block).Probe);
        Assert.Equal("confidential", BlockFingerprint.Of("Confidential: if you are not the intended recipient, delete it.").Probe);
    }
}
