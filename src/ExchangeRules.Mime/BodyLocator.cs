using System.Collections.Generic;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// The text parts that make up a message's readable body: the text/plain and text/html alternatives of the
/// first body entity, through multipart/mixed, multipart/alternative and multipart/related. Attachments,
/// attached messages, calendar parts and signed, encrypted or report structures are never body parts.
/// </summary>
internal sealed class BodyLocator
{
    private BodyLocator()
    {
    }

    public TextPart? Plain { get; private set; }

    public TextPart? Html { get; private set; }

    /// <summary>The multiparts enclosing <see cref="Html"/>, outermost first.</summary>
    public IReadOnlyList<Multipart> HtmlAncestors { get; private set; } = new List<Multipart>();

    /// <summary>The multiparts enclosing <see cref="Plain"/>, outermost first.</summary>
    public IReadOnlyList<Multipart> PlainAncestors { get; private set; } = new List<Multipart>();

    public bool IsEmpty => Plain is null && Html is null;

    public bool Contains(MimeEntity entity) => ReferenceEquals(entity, Plain) || ReferenceEquals(entity, Html);

    public static BodyLocator Find(MimeEntity? body) => Find(body, enterUnprovenStructures: false);

    /// <summary>
    /// The body parts; with <paramref name="enterUnprovenStructures"/> a <c>multipart/signed</c> or <c>multipart/report</c>
    /// is read like <c>multipart/mixed</c> (its first part is the body). For mail from outside whose structure did not
    /// prove to be a signature or a report: it only looks like one, and its readable part gets the banner.
    /// </summary>
    public static BodyLocator Find(MimeEntity? body, bool enterUnprovenStructures)
    {
        var result = new BodyLocator { _enterUnproven = enterUnprovenStructures };
        result.Visit(body, new List<Multipart>());
        return result;
    }

    private bool _enterUnproven;

    private void Visit(MimeEntity? entity, List<Multipart> ancestors)
    {
        switch (entity)
        {
            case TextPart text when !IsAttachment(text):
                if (text.IsHtml && Html is null)
                {
                    Html = text;
                    HtmlAncestors = new List<Multipart>(ancestors);
                }
                else if (text.IsPlain && Plain is null)
                {
                    Plain = text;
                    PlainAncestors = new List<Multipart>(ancestors);
                }

                break;
            case MultipartAlternative alternative:
                // The last alternative is the most faithful one, and the one clients show.
                ancestors.Add(alternative);
                for (var i = alternative.Count - 1; i >= 0; i--)
                {
                    Visit(alternative[i], ancestors);
                }

                ancestors.RemoveAt(ancestors.Count - 1);
                break;
            case MultipartRelated related:
                ancestors.Add(related);
                Visit(related.Root, ancestors);
                ancestors.RemoveAt(ancestors.Count - 1);
                break;
            case Multipart multipart when (IsBodyContainer(multipart) || (_enterUnproven && IsUnprovenContainer(multipart))) && multipart.Count > 0:
                // The body is the first part that is not an attachment: a text part with a file name before it (a
                // forwarded msg.txt) is an attachment to Outlook and must not receive the stamp.
                ancestors.Add(multipart);
                foreach (var child in multipart)
                {
                    if (child is MimePart part && IsAttachment(part))
                    {
                        continue;
                    }

                    Visit(child, ancestors);
                    break;
                }

                ancestors.RemoveAt(ancestors.Count - 1);
                break;
        }
    }

    private static bool IsUnprovenContainer(Multipart multipart) =>
        multipart.ContentType.IsMimeType("multipart", "signed") || multipart.ContentType.IsMimeType("multipart", "report");

    /// <summary>
    /// Whether Outlook shows the part as an attachment: <c>Content-Disposition: attachment</c>, or a file name in the
    /// disposition's <c>filename</c> or the content type's <c>name</c> parameter, even on an inline text part.
    /// </summary>
    private static bool IsAttachment(MimePart part) =>
        part.IsAttachment
        || !string.IsNullOrWhiteSpace(part.ContentDisposition?.FileName)
        || !string.IsNullOrWhiteSpace(part.ContentType.Name);

    private static bool IsBodyContainer(Multipart multipart)
    {
        var subtype = multipart.ContentType.MediaSubtype;
        return subtype is not null
            && (subtype.Equals("mixed", System.StringComparison.OrdinalIgnoreCase)
                || subtype.Equals("parallel", System.StringComparison.OrdinalIgnoreCase)
                || subtype.Equals("appledouble", System.StringComparison.OrdinalIgnoreCase));
    }
}
