using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Engine.Templates;

/// <summary>
/// Directory photos (<c>thumbnailPhoto</c>) as images embedded in the message. A template writes
/// <c>&lt;img src="{{ sender.photo }}"&gt;</c>, which renders <c>cid:</c> and a Content-ID derived from the photo's
/// bytes; the signature, disclaimer or banner action then attaches, next to the template's own images, the photos
/// its rendered HTML references, and the MIME editor adds them as <c>multipart/related</c> parts.
/// </summary>
public static class DirectoryPhotos
{
    /// <summary>
    /// The largest photo embedded, in bytes: Active Directory's own limit for <c>thumbnailPhoto</c> (range-upper
    /// 102,400 in the AD schema). A larger photo can only come from another directory or an LDIF file; it renders
    /// as no photo rather than putting a large image into every message.
    /// </summary>
    public const int MaxPhotoBytes = 102_400;

    // One image per photo array: the directory cache hands out the same entry (and bytes) for the sender's next
    // messages, so the hash is computed and the base64 encoding (cached per image by the editor) made once per photo.
    private static readonly ConditionalWeakTable<byte[], InlineImage> _images = new();

    /// <summary>The image for a photo, or <see langword="null"/> when there is no photo or it is larger than <see cref="MaxPhotoBytes"/>.</summary>
    public static InlineImage? ImageFor(byte[]? photo)
    {
        if (photo is not { Length: > 0 } || photo.Length > MaxPhotoBytes)
        {
            return null;
        }

        return _images.GetValue(photo, Create);
    }

    /// <summary>The images of the model's people (sender, manager, on-behalf-of and their manager) that <paramref name="renderedHtml"/> references.</summary>
    /// <param name="model">The model the HTML was rendered with.</param>
    /// <param name="renderedHtml">The rendered HTML.</param>
    public static IReadOnlyList<InlineImage> ReferencedBy(TemplateModel model, string renderedHtml)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        if (renderedHtml is null)
        {
            throw new ArgumentNullException(nameof(renderedHtml));
        }

        List<InlineImage>? images = null;
        foreach (var entry in People(model))
        {
            if (ImageFor(entry?.Photo) is { } image
                && renderedHtml.IndexOf("cid:" + image.ContentId, StringComparison.OrdinalIgnoreCase) >= 0
                && (images is null || !images.Contains(image)))
            {
                (images ??= new List<InlineImage>(1)).Add(image);
            }
        }

        return images ?? (IReadOnlyList<InlineImage>)Array.Empty<InlineImage>();
    }

    /// <summary>The media type of a photo from its first bytes (JPEG, PNG or GIF; JPEG when unknown, as AD stores JPEG).</summary>
    public static string MediaTypeOf(byte[] photo)
    {
        if (photo is null)
        {
            throw new ArgumentNullException(nameof(photo));
        }

        if (photo.Length >= 4 && photo[0] == 0x89 && photo[1] == 0x50 && photo[2] == 0x4E && photo[3] == 0x47)
        {
            return "image/png";
        }

        if (photo.Length >= 3 && photo[0] == 0x47 && photo[1] == 0x49 && photo[2] == 0x46)
        {
            return "image/gif";
        }

        return "image/jpeg";
    }

    private static DirectoryEntry?[] People(TemplateModel model) =>
        new[] { model.Sender, model.Sender?.Manager, model.OnBehalfOf, model.OnBehalfOf?.Manager };

    private static InlineImage Create(byte[] photo)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(photo);
        var name = "photo-" + BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty).ToLowerInvariant();
        var mediaType = MediaTypeOf(photo);
        var extension = mediaType.Substring("image/".Length).Replace("jpeg", "jpg");
        return new InlineImage(name + "@exchangerules", name + "." + extension, mediaType, photo);
    }
}
