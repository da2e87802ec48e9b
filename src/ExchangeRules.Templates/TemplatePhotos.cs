using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Templates;

/// <summary>
/// Directory photos as embedded images. A template writes <c>&lt;img src="{{ sender.photo }}"&gt;</c>, which renders
/// <c>cid:</c> and a Content-ID derived from the photo's bytes; the action that inserts the rendered HTML calls
/// <see cref="CreateInlineImages"/> to get the <see cref="InlineImage"/> parts those references need.
/// </summary>
public static class TemplatePhotos
{
    /// <summary>The Content-ID (without angle brackets) the photo is referenced by; stable for the same bytes.</summary>
    public static string ContentIdFor(byte[] photo)
    {
        if (photo is null)
        {
            throw new ArgumentNullException(nameof(photo));
        }

        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(photo);
        return "photo-" + BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty).ToLowerInvariant() + "@exchangerules";
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

    /// <summary>The images of the model's people (sender, manager, sent-on-behalf-of) that the rendered HTML references.</summary>
    /// <param name="model">The model the HTML was rendered with.</param>
    /// <param name="renderedHtml">The rendered HTML.</param>
    public static IReadOnlyList<InlineImage> CreateInlineImages(TemplateModel model, string renderedHtml)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        if (renderedHtml is null)
        {
            throw new ArgumentNullException(nameof(renderedHtml));
        }

        var images = new List<InlineImage>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in new[] { model.Sender, model.Sender?.Manager, model.OnBehalfOf, model.OnBehalfOf?.Manager })
        {
            if (entry?.Photo is not { Length: > 0 } photo)
            {
                continue;
            }

            var contentId = ContentIdFor(photo);
            if (renderedHtml.IndexOf("cid:" + contentId, StringComparison.OrdinalIgnoreCase) >= 0 && seen.Add(contentId))
            {
                var mediaType = MediaTypeOf(photo);
                var extension = mediaType.Substring("image/".Length).Replace("jpeg", "jpg");
                images.Add(new InlineImage(contentId, contentId.Substring(0, contentId.IndexOf('@')) + "." + extension, mediaType, photo));
            }
        }

        return images;
    }
}
