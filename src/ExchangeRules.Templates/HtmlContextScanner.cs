using System;
using System.Net;
using System.Text;

namespace ExchangeRules.Templates;

/// <summary>
/// Follows an HTML template from start to end the way a browser's tokenizer would (data, comments, tags, attribute
/// names and values, the raw text of <c>script</c> and <c>style</c>) and says where each placeholder lands. Liquid
/// markup is masked first (<see cref="Mask"/>), so quotes and angle brackets inside <c>{% %}</c> and <c>{{ }}</c> do not
/// count, and a tag name, attribute name or URL scheme that Liquid decides is treated as unknown. Placeholders
/// are asked for in source order; the scanner only moves forward.
/// </summary>
internal sealed class HtmlContextScanner
{
    /// <summary>What every character of Liquid markup is replaced with: no HTML meaning, and recognisably not fixed text.</summary>
    public const char Mask = '\uFFFF';

    private static readonly string[] _urlAttributes =
    {
        "href", "src", "background", "action", "formaction", "poster", "cite", "longdesc", "usemap", "codebase", "data",
        "dynsrc", "lowsrc", "xlink:href", "manifest", "icon", "profile", "classid", "archive", "ping",
    };

    private static readonly char[] _urlKindDecider = { ':', '/', '?', '#' };

    private static readonly string[] _scriptSchemes = { "javascript", "vbscript", "livescript", "data" };

    private readonly string _html;
    private int _position;
    private State _state = State.Data;
    private string _tagName = string.Empty;
    private bool _endTag;
    private string _attributeName = string.Empty;
    private int _valueStart;
    private char _quote;

    /// <param name="maskedHtml">The template with every character of Liquid tags and outputs replaced by <see cref="Mask"/>.</param>
    public HtmlContextScanner(string maskedHtml)
    {
        _html = maskedHtml;
    }

    private enum State
    {
        Data,
        Comment,
        RawText,
        TagName,
        BeforeAttributeName,
        AttributeName,
        AfterAttributeName,
        BeforeAttributeValue,
        AttributeValue,
    }

    /// <summary>
    /// Where a placeholder at <paramref name="index"/> lands, or why it may not stand there (<paramref name="refusal"/>,
    /// with <see langword="null"/> returned).
    /// </summary>
    public PlacementContext? ContextAt(int index, out string? refusal)
    {
        AdvanceTo(index);
        refusal = null;
        switch (_state)
        {
            case State.Data when IsDynamic(_tagName):
                refusal = "a placeholder inside an element whose name Liquid decides is not allowed: it could be a script or style element";
                return null;
            case State.Data:
            case State.Comment:
                return PlacementContext.Html;
            case State.RawText:
                refusal = _tagName == "script"
                    ? "a placeholder inside <script> is not allowed: no encoding makes a directory value safe in script"
                    : "a placeholder inside <style> is not allowed: CSS from a directory value could restyle, hide or overlay the whole message";
                return null;
            case State.BeforeAttributeValue:
                return AttributeValueContext(string.Empty, out refusal);
            case State.AttributeValue:
                return AttributeValueContext(_html.Substring(_valueStart, index - _valueStart), out refusal);
            default:
                // Between attributes a value could add its own (onclick=...): refuse rather than guess.
                refusal = "a placeholder inside an HTML tag must be an attribute's value (name=\"{{ ... }}\")";
                return null;
        }
    }

    private PlacementContext? AttributeValueContext(string valueSoFar, out string? refusal)
    {
        refusal = null;
        var name = _attributeName;
        if (IsDynamic(_tagName) || IsDynamic(name))
        {
            refusal = "a placeholder in an attribute whose tag or attribute name Liquid decides is not allowed: it could be an event handler or a style";
            return null;
        }

        if (name.StartsWith("on", StringComparison.Ordinal))
        {
            refusal = $"a placeholder in the event-handler attribute '{name}' is not allowed: it would run as script";
            return null;
        }

        if (name == "style")
        {
            refusal = "a placeholder in a style attribute is not allowed: CSS from a directory value could restyle, hide or overlay the message; put the value in the element's content";
            return null;
        }

        if (name == "srcdoc")
        {
            refusal = "a placeholder in a srcdoc attribute is not allowed: its value is a whole HTML document";
            return null;
        }

        if (Array.IndexOf(_urlAttributes, name) < 0 && name != "srcset")
        {
            return PlacementContext.Attribute;
        }

        var prefix = UrlPrefix(valueSoFar);
        if (prefix.Length == 0)
        {
            // The placeholder starts the URL: the value is checked to be http, https, mailto, tel or cid.
            return name == "srcset" ? Refuse(out refusal, name) : PlacementContext.Url;
        }

        // What decides the URL's kind: a scheme's colon, or the start of a relative URL's path, query or fragment.
        var decisive = prefix.IndexOfAny(_urlKindDecider);
        if (decisive < 0 || prefix.IndexOf(Mask, 0, decisive) >= 0)
        {
            // Nothing fixed decides it yet, or Liquid (a condition, another value) does: this value could start the URL.
            return Refuse(out refusal, name);
        }

        if (prefix[decisive] == ':' && decisive > 0)
        {
            var scheme = prefix.Substring(0, decisive);
            if (Array.IndexOf(_scriptSchemes, scheme) >= 0)
            {
                refusal = $"a placeholder after a '{scheme}:' URL is not allowed: the value would become script or a document of its own";
                return null;
            }
        }

        return PlacementContext.Attribute;
    }

    private static PlacementContext? Refuse(out string refusal, string name)
    {
        refusal = $"a placeholder in '{name}' must start the value (it is then checked to be an http, https, mailto, tel or cid URL) or follow a fixed scheme such as https: or mailto:";
        return null;
    }

    /// <summary>The URL so far as a browser reads it: entities decoded, whitespace and control characters removed, lower case.</summary>
    private static string UrlPrefix(string valueSoFar)
    {
        var decoded = WebUtility.HtmlDecode(valueSoFar);
        var builder = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
        {
            if (c > ' ')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private void AdvanceTo(int index)
    {
        while (_position < index && _position < _html.Length)
        {
            Step();
        }
    }

    private void Step()
    {
        var c = _html[_position];
        switch (_state)
        {
            case State.Data:
                if (StartsWith("<!--[if"))
                {
                    // An Outlook conditional comment: Outlook renders what is inside as HTML, so it is read as HTML.
                    var end = _html.IndexOf('>', _position);
                    _position = end < 0 ? _html.Length : end + 1;
                    return;
                }

                if (StartsWith("<!--"))
                {
                    _state = State.Comment;
                    _position += 4;
                    return;
                }

                if (c == '<' && (IsNameStart(_position + 1) || (At(_position + 1) == '/' && IsNameStart(_position + 2))))
                {
                    _endTag = _html[_position + 1] == '/';
                    _tagName = string.Empty;
                    _state = State.TagName;
                    _position += _endTag ? 2 : 1;
                    return;
                }

                break;
            case State.Comment:
                if (StartsWith("-->"))
                {
                    _state = State.Data;
                    _position += 3;
                    return;
                }

                break;
            case State.RawText:
                if (StartsWith("</" + _tagName))
                {
                    _state = State.Data;
                }

                break;
            case State.TagName:
                if (IsSpace(c) || c == '/')
                {
                    _state = State.BeforeAttributeName;
                }
                else if (c == '>')
                {
                    EndOfTag();
                }
                else
                {
                    _tagName += char.ToLowerInvariant(c);
                }

                break;
            case State.BeforeAttributeName:
                if (c == '>')
                {
                    EndOfTag();
                }
                else if (!IsSpace(c) && c != '/')
                {
                    _attributeName = char.ToLowerInvariant(c).ToString();
                    _state = State.AttributeName;
                }

                break;
            case State.AttributeName:
                if (c == '=')
                {
                    _state = State.BeforeAttributeValue;
                }
                else if (c == '>')
                {
                    EndOfTag();
                }
                else if (IsSpace(c) || c == '/')
                {
                    _state = State.AfterAttributeName;
                }
                else
                {
                    _attributeName += char.ToLowerInvariant(c);
                }

                break;
            case State.AfterAttributeName:
                if (c == '=')
                {
                    _state = State.BeforeAttributeValue;
                }
                else if (c == '>')
                {
                    EndOfTag();
                }
                else if (!IsSpace(c) && c != '/')
                {
                    _attributeName = char.ToLowerInvariant(c).ToString();
                    _state = State.AttributeName;
                }

                break;
            case State.BeforeAttributeValue:
                if (c is '"' or '\'')
                {
                    _quote = c;
                    _valueStart = _position + 1;
                    _state = State.AttributeValue;
                }
                else if (c == '>')
                {
                    EndOfTag();
                }
                else if (!IsSpace(c))
                {
                    _quote = '\0';
                    _valueStart = _position;
                    _state = State.AttributeValue;
                    return;
                }

                break;
            case State.AttributeValue:
                if (_quote != '\0' ? c == _quote : IsSpace(c))
                {
                    _state = State.BeforeAttributeName;
                }
                else if (_quote == '\0' && c == '>')
                {
                    EndOfTag();
                }

                break;
        }

        _position++;
    }

    private void EndOfTag() =>
        _state = !_endTag && _tagName is "script" or "style" ? State.RawText : State.Data;

    private static bool IsDynamic(string name) => name.IndexOf(Mask) >= 0;

    private char At(int index) => index < _html.Length ? _html[index] : '\0';

    /// <summary>A tag starts here: a letter, or Liquid that writes the tag's name.</summary>
    private bool IsNameStart(int index) => char.IsLetter(At(index)) || At(index) == Mask;

    private bool StartsWith(string text) =>
        string.Compare(_html, _position, text, 0, text.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
