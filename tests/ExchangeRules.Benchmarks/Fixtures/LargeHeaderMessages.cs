using System.Globalization;
using System.Text;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>Messages whose top-level header block is close to a given size: many short fields, or four long folded ones.</summary>
internal static class LargeHeaderMessages
{
    /// <summary>The shapes: distinct short fields, one short field name repeated, or four long folded fields.</summary>
    public static readonly string[] Shapes = ["distinct short fields", "repeated Received", "repeated X-MS-Exchange-Organization-Test", "repeated X-ExchangeRules-Processed", "4 long folded fields"];

    /// <summary>A short plain-text message from the benchmark sender whose header block has about <paramref name="headerBytes"/> bytes, of one of the <see cref="Shapes"/>.</summary>
    public static byte[] Create(int headerBytes, string shape)
    {
        var longFoldedFields = shape == Shapes[4];
        var builder = new StringBuilder(headerBytes + 1024);
        builder.Append("From: Bob Jones <").Append(MessageFixtures.Sender).Append(">\r\n");
        builder.Append("To: Anna Schmidt <").Append(MessageFixtures.ExternalRecipient).Append(">\r\n");
        builder.Append("Subject: Many headers\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <many-headers@contoso.example>\r\nMIME-Version: 1.0\r\n");
        var start = builder.Length;
        if (longFoldedFields)
        {
            var each = headerBytes / 4;
            for (var field = 0; field < 4; field++)
            {
                var fieldStart = builder.Length;
                builder.Append("X-Long-").Append(field.ToString(CultureInfo.InvariantCulture)).Append(':');
                for (var word = 0; builder.Length - fieldStart < each; word++)
                {
                    builder.Append(word % 8 == 7 ? "\r\n\t" : " ").Append("token").Append(word.ToString(CultureInfo.InvariantCulture));
                }

                builder.Append("\r\n");
            }
        }
        else
        {
            for (var field = 0; builder.Length - start < headerBytes; field++)
            {
                var name = shape == Shapes[0] ? "X-Filler-" + field.ToString(CultureInfo.InvariantCulture) : shape.Substring("repeated ".Length);
                builder.Append(name).Append(shape == Shapes[1] ? ": from host" : ": short value ").Append(field.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }
        }

        builder.Append("Content-Type: text/plain; charset=us-ascii\r\n\r\nHi Anna,\r\n\r\nsee you on Friday.\r\n\r\nBob\r\n");
        return Encoding.ASCII.GetBytes(builder.ToString());
    }
}
