using System;
using System.IO;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Markers;
using ExchangeRules.Mime.Text;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// The newest part of a message's body as plain text: the text above the topmost quoted-history marker, found with
/// the same locators the editor uses to place a signature under the newest reply. The plain-text alternative is
/// read when there is one (no HTML parse), else the HTML part reduced to text.
/// </summary>
internal static class NewestPartText
{
    public static string Of(MimeMessage message, ReplyMarkerSet markers, TimeSpan timeBudget)
    {
        var budget = new EditBudget(timeBudget);
        try
        {
            var body = BodyLocator.Find(message.Body);
            if (body.Plain is not null)
            {
                var text = TextPartContent.Read(body.Plain);
                return PlainTextLocator.NewestText(text, PlainTextLocator.Locate(text, Placement.UnderNewestReply, markers, budget));
            }

            if (body.Html is not null)
            {
                var html = TextPartContent.Read(body.Html);
                return new HtmlLocator(html, markers, budget).NewestPart.Text;
            }
        }
        catch (Exception ex) when (ex is FormatException or IOException or NotSupportedException or ArgumentException)
        {
            // An undecodable body has no newest part to search; the condition simply does not hold.
        }
        catch (EditBudgetExceededException)
        {
            // A hostile body must not stall evaluation: past the budget there is no newest part to search.
        }

        return string.Empty;
    }
}
