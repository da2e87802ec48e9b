using System;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.Exchange.Data.Transport.Smtp;

/// <summary>
/// An SMTP reply: status code, enhanced status code (RFC 3463) and text lines.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa581176(v=exchg.150).
/// </summary>
public struct SmtpResponse : IEquatable<SmtpResponse>
{
    /// <summary>The empty response.</summary>
    public static readonly SmtpResponse Empty;

    private static readonly string[] _lineBreaks = { "\r\n", "\n" };

    private readonly string _statusCode;
    private readonly string _enhancedStatusCode;
    private readonly string[] _statusText;

    /// <summary>Creates a response such as <c>250 2.0.0 OK</c>.</summary>
    public SmtpResponse(string statusCode, string enhancedStatusCode, params string[] statusText)
    {
        _statusCode = statusCode;
        _enhancedStatusCode = enhancedStatusCode;
        _statusText = statusText;
    }

    /// <summary>Creates a response with an explanation for DSNs; <paramref name="overloadDifferentiator"/> only selects this overload.</summary>
    public SmtpResponse(string statusCode, string enhancedStatusCode, string dsnExplanation, bool overloadDifferentiator, params string[] statusText)
        : this(statusCode, enhancedStatusCode, statusText)
    {
        _ = dsnExplanation;
        _ = overloadDifferentiator;
    }

    /// <summary>The three-digit status code.</summary>
    public string StatusCode => _statusCode ?? string.Empty;

    /// <summary>The enhanced status code, for example <c>4.2.0</c>.</summary>
    public string EnhancedStatusCode => _enhancedStatusCode ?? string.Empty;

    /// <summary>The text lines.</summary>
    public string[] StatusText => _statusText;

    /// <summary>The class of the response, from the first digit of <see cref="StatusCode"/>.</summary>
    public SmtpResponseType SmtpResponseType => StatusCode.Length == 3 ? StatusCode[0] switch
    {
        '2' => SmtpResponseType.Success,
        '3' => SmtpResponseType.IntermediateSuccess,
        '4' => SmtpResponseType.TransientError,
        '5' => SmtpResponseType.PermanentError,
        _ => SmtpResponseType.Unknown,
    }
    : SmtpResponseType.Unknown;

    /// <summary>Parses a (possibly multi-line) reply such as <c>550 5.1.1 User unknown</c>.</summary>
    public static bool TryParse(string text, out SmtpResponse response)
    {
        response = Empty;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string statusCode = null;
        string enhanced = null;
        var lines = new List<string>();
        foreach (string line in text.Split(_lineBreaks, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length < 3 || !line.Take(3).All(c => c >= '0' && c <= '9') || (line.Length > 3 && line[3] != ' ' && line[3] != '-'))
            {
                return false;
            }

            string code = line.Substring(0, 3);
            if (statusCode is not null && code != statusCode)
            {
                return false;
            }

            statusCode = code;
            string rest = line.Length > 4 ? line.Substring(4) : string.Empty;
            int space = rest.IndexOf(' ');
            string first = space < 0 ? rest : rest.Substring(0, space);
            if (IsEnhancedStatusCode(first, code[0]))
            {
                enhanced ??= first;
                rest = space < 0 ? string.Empty : rest.Substring(space + 1);
            }

            lines.Add(rest);
        }

        if (statusCode is null)
        {
            return false;
        }

        response = new SmtpResponse(statusCode, enhanced ?? string.Empty, lines.ToArray());
        return true;
    }

    /// <summary>Compares code, enhanced code and text.</summary>
    public static bool operator ==(SmtpResponse a, SmtpResponse b) => a.Equals(b);

    /// <summary>Compares code, enhanced code and text.</summary>
    public static bool operator !=(SmtpResponse a, SmtpResponse b) => !a.Equals(b);

    /// <summary>Compares code, enhanced code and text.</summary>
    public bool Equals(SmtpResponse other) => ToString() == other.ToString();

    /// <summary>Compares with another <see cref="SmtpResponse"/>.</summary>
    public override bool Equals(object obj) => obj is SmtpResponse other && Equals(other);

    /// <summary>A hash of the reply text.</summary>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>The reply as sent on the wire (lines joined with CRLF).</summary>
    public override string ToString()
    {
        if (StatusCode.Length == 0)
        {
            return string.Empty;
        }

        string statusCode = StatusCode;
        string prefix = EnhancedStatusCode.Length == 0 ? string.Empty : EnhancedStatusCode + " ";
        string[] lines = _statusText is { Length: > 0 } ? _statusText : new[] { string.Empty };
        return string.Join("\r\n", lines.Select((line, i) => statusCode + (i < lines.Length - 1 ? "-" : " ") + prefix + line)).TrimEnd();
    }

    private static bool IsEnhancedStatusCode(string text, char cls)
    {
        string[] parts = text.Split('.');
        return parts.Length == 3 && parts[0].Length == 1 && parts[0][0] == cls
            && parts.All(p => p.Length is > 0 and <= 3 && p.All(c => c >= '0' && c <= '9'));
    }
}
