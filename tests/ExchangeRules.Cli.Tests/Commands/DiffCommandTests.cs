using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Mime;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class DiffCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-diff-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Diff_SameRules_ListsNothingAndExitsZero()
    {
        var exit = Run("--old", TestCommandTests.Fixture("old-rules.xml"), "--new", TestCommandTests.Fixture("old-rules.xml"), "--origin", "Authenticated", Messages());

        Assert.Equal(DiffCommand.Same, exit);
        Assert.Equal("2 message(s) replayed with origin Authenticated: 0 changed, 2 unchanged.", _output.ToString().Trim());
    }

    [Fact]
    public void Diff_ChangedRules_ListsEveryRecipientWhoseResultChangesAndHow()
    {
        var exit = Run("--old", TestCommandTests.Fixture("old-rules.xml"), "--new", TestCommandTests.Fixture("new-rules.xml"), "--origin", "Authenticated", Messages());

        Assert.Equal(DiffCommand.Changed, exit);
        var lines = _output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Contains(Path.Combine(Messages(), "mixed.eml"), lines);
        Assert.Contains(lines, line => line.StartsWith("  bob@fabrikam.com: block disclaimer@bottom: its text changed (disclaimer ", StringComparison.Ordinal));
        Assert.Contains("  carol@contoso.com: outcome: unchanged -> changed", lines);
        Assert.Contains("    rules: + Tag internal mail", lines);
        Assert.Contains("    actions: + prepend to subject [INT]: Applied", lines);
        Assert.Contains("    header Subject: \"Mixed\" -> \"[INT] Mixed\"", lines);
        Assert.Contains("2 message(s) replayed with origin Authenticated: 2 changed, 0 unchanged.", lines);
    }

    [Fact]
    public void Diff_UnknownOrigin_TreatsTheSenderAsOutsideSoNothingChanges()
    {
        var exit = Run("--old", TestCommandTests.Fixture("old-rules.xml"), "--new", TestCommandTests.Fixture("new-rules.xml"), Messages());

        Assert.Equal(DiffCommand.Same, exit);
    }

    [Fact]
    public void Diff_UnreadableMessage_IsNamedAndTheRestStillCompared()
    {
        System.IO.Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(Messages(), "outside.eml"), Path.Combine(_folder, "outside.eml"));
        File.WriteAllText(Path.Combine(_folder, "norecipient.eml"), "From: a@contoso.com\r\nSubject: x\r\n\r\nbody\r\n");

        var exit = Run("--old", TestCommandTests.Fixture("old-rules.xml"), "--new", TestCommandTests.Fixture("new-rules.xml"), "--origin", "Authenticated", _folder);

        Assert.Equal(DiffCommand.Failed, exit);
        Assert.Contains(Path.Combine(_folder, "norecipient.eml") + ": cannot be read: no recipient", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 changed, 0 unchanged, 1 unreadable", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_InvalidNewRules_IsASetupErrorWithTheLocation()
    {
        var broken = Path.Combine(AppContext.BaseDirectory, "TestData", "Apply", "broken-rules.xml");

        var exit = Run("--old", TestCommandTests.Fixture("old-rules.xml"), "--new", broken, Messages());

        Assert.Equal(DiffCommand.Failed, exit);
        Assert.Contains(broken + ":5:", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Messages() => TestCommandTests.Fixture("messages");

    private int Run(params string[] args)
    {
        var root = new RootCommand { DiffCommand.Create(() => new MimeMessageEditor()) };
        return root.Parse(new[] { "diff" }.Concat(args).ToArray()).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
