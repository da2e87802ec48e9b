using System;
using System.Runtime.CompilerServices;
using ExchangeRules.Engine.Actions;
using MimeKit;
using MimeKit.Encodings;

namespace ExchangeRules.Mime;

/// <summary>
/// The base64 form of each inline image of a rule set, encoded once per image and line-break style with MimeKit's
/// encoder: a signature's logo is the same in every message it is added to. An image is forgotten with its rule set.
/// </summary>
internal static class EncodedImages
{
    private static readonly ConditionalWeakTable<InlineImage, Encodings> _cache = new();

    /// <summary>The image's content in base64, in lines broken with <paramref name="newLine"/>. Never modify the array.</summary>
    public static byte[] Base64Of(InlineImage image, NewLineFormat newLine)
    {
        var encodings = _cache.GetValue(image ?? throw new ArgumentNullException(nameof(image)), i => new Encodings(i.Content));
        return newLine == NewLineFormat.Dos ? encodings.Dos : encodings.Unix;
    }

    private sealed class Encodings
    {
        public Encodings(byte[] content)
        {
            var encoder = new Base64Encoder();
            var buffer = new byte[encoder.EstimateOutputLength(content.Length)];
            var length = encoder.Flush(content, 0, content.Length, buffer);

            // MimeKit's encoders end lines with LF; a message with CRLF line breaks gets CRLF.
            Unix = new byte[length];
            Buffer.BlockCopy(buffer, 0, Unix, 0, length);
            var lines = 0;
            for (var i = 0; i < length; i++)
            {
                lines += buffer[i] == '\n' ? 1 : 0;
            }

            Dos = new byte[length + lines];
            for (int i = 0, j = 0; i < length; i++)
            {
                if (buffer[i] == '\n')
                {
                    Dos[j++] = (byte)'\r';
                }

                Dos[j++] = buffer[i];
            }
        }

        public byte[] Unix { get; }

        public byte[] Dos { get; }
    }
}
