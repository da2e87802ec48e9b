using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// Renders stamped messages in headless Chromium and checks, from the rendered DOM, that the signature is visible
/// and sits above the quoted history. Screenshots are kept under the test output folder (rendering/*.png).
/// </summary>
public class ChromiumRenderingTests
{
    private const string _chromiumPath = "/usr/bin/chromium";

    private const string _measureScript = """
        <script>
        window.addEventListener('load', function () {
          var sig = document.querySelector('[data-exr-rule]');
          var quotes = document.querySelectorAll('#appendonsend, #divRplyFwdMsg, .gmail_quote, blockquote[type=cite], .moz-cite-prefix, div[style*="border-top:solid #E1E1E1"]');
          var quoteTop = null;
          quotes.forEach(function (q) { var t = q.getBoundingClientRect().top; if (quoteTop === null || t < quoteTop) { quoteTop = t; } });
          var r = sig ? sig.getBoundingClientRect() : null;
          var result = { found: !!sig, text: sig ? sig.innerText : '', top: r ? r.top : 0, bottom: r ? r.bottom : 0, height: r ? r.height : 0, width: r ? r.width : 0, quoteTop: quoteTop };
          var pre = document.createElement('pre');
          pre.id = 'exr-result';
          pre.textContent = JSON.stringify(result);
          document.documentElement.appendChild(pre);
        });
        </script>
        """;

    [Theory]
    [InlineData("outlook-word-reply.eml")]
    [InlineData("owa-reply-appendonsend.eml")]
    [InlineData("gmail-reply.eml")]
    [InlineData("apple-mail-reply.eml")]
    [InlineData("thunderbird-reply.eml")]
    public void StampedReply_RenderedInChromium_SignatureVisibleAboveQuotedHistory(string fixture)
    {
        Assert.True(File.Exists(_chromiumPath), $"{_chromiumPath} is required for the rendering check (Debian package 'chromium').");
        var html = Stamping.Run(fixture, Stamping.Signature()).Html;
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "rendering")).FullName;
        var name = Path.GetFileNameWithoutExtension(fixture);
        var page = Path.Combine(folder, name + ".html");
        File.WriteAllText(page, html + _measureScript);

        RunChromium("--window-size=1000,1400", "--hide-scrollbars", $"--screenshot={Path.Combine(folder, name + ".png")}", new Uri(page).AbsoluteUri);
        var dom = RunChromium("--virtual-time-budget=3000", "--dump-dom", new Uri(page).AbsoluteUri);

        var json = Regex.Match(dom, "<pre id=\"exr-result\">(.*?)</pre>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(json.Success, $"the measuring script did not report: {dom[..Math.Min(500, dom.Length)]}");
        using var result = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(json.Groups[1].Value));
        var root = result.RootElement;
        Assert.True(root.GetProperty("found").GetBoolean());
        Assert.Contains("Jan Schmidt", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("height").GetDouble() > 0 && root.GetProperty("width").GetDouble() > 0, "the signature must be visible");
        Assert.Equal(JsonValueKind.Number, root.GetProperty("quoteTop").ValueKind);
        Assert.True(root.GetProperty("bottom").GetDouble() <= root.GetProperty("quoteTop").GetDouble() + 0.5, "the signature must sit above the quoted history: " + root);
        Assert.True(File.Exists(Path.Combine(folder, name + ".png")));
    }

    private static string RunChromium(params string[] arguments)
    {
        var profile = Path.Combine(Path.GetTempPath(), "exr-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(_chromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={profile}" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish within two minutes.");
            }

            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout;
        }
        finally
        {
            if (System.IO.Directory.Exists(profile))
            {
                System.IO.Directory.Delete(profile, recursive: true);
            }
        }
    }
}
