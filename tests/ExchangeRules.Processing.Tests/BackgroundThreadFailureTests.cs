using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Directory.Caching;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Tests.Support;
using Xunit;

namespace ExchangeRules.Processing.Tests;

/// <summary>
/// No exception escapes a thread the agent starts: the rules reload timers (real files, the production components)
/// and the directory cache's background refresh, each with a failure injected. An escaping exception on a timer or
/// thread-pool thread would end this test process, as it would end EdgeTransport.exe on a server.
/// </summary>
public sealed class BackgroundThreadFailureTests : IDisposable
{
    private readonly TemporaryFolder _agent = new();

    public void Dispose() => _agent.Dispose();

    private static string Rules(string htmlFile) =>
        "<rules xmlns=\"urn:exchangerules:rules:v1\">\n" +
        $"  <templates><template name=\"sig\"><html file=\"{System.Security.SecurityElement.Escape(htmlFile)}\"/><text><![CDATA[-- sig]]></text></template></templates>\n" +
        "  <rule name=\"Signature\"><actions><addSignature template=\"sig\"/></actions></rule>\n" +
        "</rules>\n";

    private ProcessingHost StartWatching()
    {
        _agent.Write("Rules/sig.html", "<p>Signature</p>");
        _agent.Write("Rules/rules.xml", Rules("sig.html"));
        _agent.Write(AgentConfiguration.FileName, "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\">\n  <rules path=\"Rules/rules.xml\" reloadDelaySeconds=\"1\" />\n  <logging folder=\"logs\" />\n</agentConfiguration>\n");
        var host = ProcessingHost.Start(_agent.Path, AgentComponents.Instance, new CollectingEventLog());
        Assert.True(host.HasRules);
        return host;
    }

    private string LogText()
    {
        var folder = _agent.Combine("logs");
        if (!System.IO.Directory.Exists(folder))
        {
            return string.Empty;
        }

        return string.Concat(System.IO.Directory.GetFiles(folder).Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }));
    }

    private string WaitForLog(Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var text = LogText();
        while (!condition(text) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
            text = LogText();
        }

        Assert.True(condition(text), "the expected log line did not appear:" + Environment.NewLine + text);
        return text;
    }

    private static int Count(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    [Theory]
    [InlineData("sig|v2.html", "'|'")]
    [InlineData("<sig>.html", "'<'")]
    [InlineData("\"sig\".html", "'\"'")]
    [InlineData("sig.html:v2", "':'")]
    public void Reload_FileNameDotNetFrameworkRejects_IsLoggedWithItsLocationAndTheRulesInForceStay(string reference, string character)
    {
        using var host = StartWatching();

        _agent.Write("Rules/rules.xml", Rules(reference));

        var text = WaitForLog(log => log.Contains("(4004)", StringComparison.Ordinal));
        Assert.Contains("rules.xml:2:", text, StringComparison.Ordinal);
        Assert.Contains("is not a valid file name on Windows", text, StringComparison.Ordinal);
        Assert.Contains(character, text, StringComparison.Ordinal);
        Assert.Contains("the previous rules stay in force", text, StringComparison.Ordinal);
        Assert.True(host.HasRules);
    }

    [Fact]
    public void Reload_NewRulesFileWhoseTemplateArrivesLater_TakesEffectWhenItArrives()
    {
        using var host = StartWatching();
        var loadedAtStart = Count(WaitForLog(log => log.Contains("(4003)", StringComparison.Ordinal)), "(4003)");

        _agent.Write("Rules/rules.xml", Rules("templates/new-sig.html"));
        Assert.Contains("'templates/new-sig.html' was not found", WaitForLog(log => log.Contains("(4004)", StringComparison.Ordinal)), StringComparison.Ordinal);

        _agent.Write("Rules/templates/new-sig.html", "<p>New signature</p>");

        WaitForLog(log => Count(log, "(4003)") > loadedAtStart);
    }

    [Fact]
    public void DirectoryCacheRefresh_DirectoryAndLoggerBothFailInTheBackground_LookupsGoOnAndNothingEscapes()
    {
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) => unobserved.Add(e.Exception);
        TaskScheduler.UnobservedTaskException += onUnobserved;
        try
        {
            var now = DateTimeOffset.UtcNow;
            var inner = new FailingAfterFirstDirectory();
            var cache = new CachingDirectory(inner, new DirectoryCacheOptions
            {
                TimeToLive = TimeSpan.FromMinutes(10),
                RefreshAfter = TimeSpan.FromMinutes(1),
                Clock = () => now,
                Diagnostic = _ => throw new InvalidOperationException("log sink fault injected by the test"),
            });
            Assert.NotNull(cache.FindBySmtpAddress("alice@contoso.com"));

            now = now.AddMinutes(2);
            Assert.NotNull(cache.FindBySmtpAddress("alice@contoso.com"));
            SpinWait.SpinUntil(() => inner.Calls >= 2, TimeSpan.FromSeconds(10));
            Thread.Sleep(200);

            Assert.Equal(2, inner.Calls);
            Assert.NotNull(cache.FindBySmtpAddress("alice@contoso.com"));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.Empty(unobserved);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= onUnobserved;
        }
    }

    /// <summary>Answers once, then fails like a domain controller that went away.</summary>
    private sealed class FailingAfterFirstDirectory : IDirectory
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public DirectoryEntry? FindBySmtpAddress(string smtpAddress) =>
            Interlocked.Increment(ref _calls) == 1
                ? new DirectoryEntry("CN=Alice", new[] { new KeyValuePair<string, IReadOnlyList<string>>("mail", new[] { smtpAddress }) })
                : throw new InvalidOperationException("directory fault injected by the test");

        public bool IsMemberOf(string smtpAddress, string group) => throw new InvalidOperationException("directory fault injected by the test");
    }
}
