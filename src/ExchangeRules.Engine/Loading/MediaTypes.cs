using System;
using System.IO;

namespace ExchangeRules.Engine.Loading;

/// <summary>Media types of the file kinds rules commonly attach or embed.</summary>
internal static class MediaTypes
{
    public static string FromFileName(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".GIF" => "image/gif",
        ".BMP" => "image/bmp",
        ".WEBP" => "image/webp",
        ".PDF" => "application/pdf",
        ".TXT" => "text/plain",
        ".HTM" or ".HTML" => "text/html",
        ".ICS" => "text/calendar",
        ".VCF" => "text/vcard",
        ".ZIP" => "application/zip",
        ".DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    public static bool IsKnown(string fileName) =>
        !string.Equals(FromFileName(fileName), "application/octet-stream", StringComparison.Ordinal);
}
