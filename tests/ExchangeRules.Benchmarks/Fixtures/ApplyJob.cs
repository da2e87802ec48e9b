using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// Scenario 6's job on disk: a folder of copies of one message, the disclaimer (plain + HTML) as a rules file for
/// <c>exrules apply</c> and as the two files alterMIME reads, and an output folder. Both sides run the same job: the
/// disclaimer at the bottom of every text part.
/// </summary>
internal sealed class ApplyJob : IDisposable
{
    private const string _rules = """
        <rules xmlns="urn:exchangerules:rules:v1">
          <templates>
            <template name="disclaimer">
              <html file="disclaimer.html"/>
              <text file="disclaimer.txt"/>
            </template>
          </templates>
          <rule name="Disclaimer">
            <actions><addDisclaimer template="disclaimer"/></actions>
          </rule>
        </rules>
        """;

    private ApplyJob(string folder, string name, int copies)
    {
        Copies = copies;
        Folder = folder;
        MessageFolder = Path.Combine(folder, "in");
        OutputFolder = Path.Combine(folder, "out");
        MessagePath = Path.Combine(MessageFolder, name);
        RulesPath = Path.Combine(folder, "rules.xml");
        TextDisclaimerPath = Path.Combine(folder, "disclaimer.txt");
        HtmlDisclaimerPath = Path.Combine(folder, "disclaimer.html");
    }

    /// <summary>How many copies of the message the folder holds (<c>exrules apply</c> processes them in one run).</summary>
    public int Copies { get; }

    /// <summary>The job's temporary folder.</summary>
    public string Folder { get; }

    /// <summary>The folder holding the copies (what <c>exrules apply</c> is pointed at).</summary>
    public string MessageFolder { get; }

    /// <summary>Where <c>exrules apply</c> writes its result.</summary>
    public string OutputFolder { get; }

    /// <summary>A folder holding only the first copy: <c>exrules apply</c> over it costs the run's fixed part and one message.</summary>
    public string SingleMessageFolder => Path.Combine(Folder, "one");

    /// <summary>The first copy (the one alterMIME reads).</summary>
    public string MessagePath { get; }

    /// <summary>The rules file with the disclaimer rule.</summary>
    public string RulesPath { get; }

    /// <summary>The plain-text disclaimer (alterMIME's <c>--disclaimer</c>).</summary>
    public string TextDisclaimerPath { get; }

    /// <summary>The HTML disclaimer (alterMIME's <c>--disclaimer-html</c>).</summary>
    public string HtmlDisclaimerPath { get; }

    /// <summary>The arguments of <c>exrules apply</c> over <paramref name="folder"/>.</summary>
    public string[] ApplyArguments(string folder) => ["apply", "--rules", RulesPath, "--out", OutputFolder, folder];

    /// <summary>Writes the job for <paramref name="copies"/> copies of <paramref name="mime"/> into a new temporary folder.</summary>
    public static ApplyJob Create(string name, byte[] mime, int copies)
    {
        var folder = Path.Combine(Path.GetTempPath(), "exr-apply-bench-" + Guid.NewGuid().ToString("N"));
        var job = new ApplyJob(folder, name, copies);
        System.IO.Directory.CreateDirectory(job.MessageFolder);
        System.IO.Directory.CreateDirectory(job.OutputFolder);
        File.WriteAllBytes(job.MessagePath, mime);
        System.IO.Directory.CreateDirectory(job.SingleMessageFolder);
        File.WriteAllBytes(Path.Combine(job.SingleMessageFolder, name), mime);
        for (var copy = 2; copy <= copies; copy++)
        {
            File.WriteAllBytes(Path.Combine(job.MessageFolder, Path.GetFileNameWithoutExtension(name) + "-" + copy + ".eml"), mime);
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(job.RulesPath, _rules, utf8);
        File.WriteAllText(job.TextDisclaimerPath, Disclaimer.Text, utf8);
        File.WriteAllText(job.HtmlDisclaimerPath, Disclaimer.Html, utf8);
        return job;
    }

    /// <summary>Whether alterMIME is installed (Debian <c>altermime</c>).</summary>
    public static bool AlterMimeInstalled() =>
        File.Exists("/usr/bin/altermime") || File.Exists("/usr/local/bin/altermime");

    /// <summary>Runs <c>exrules apply</c> over all copies in this process, its console output discarded; returns its exit code.</summary>
    public int RunApply() => RunApply(MessageFolder);

    /// <summary>Runs <c>exrules apply</c> over <paramref name="folder"/> in this process, its console output discarded; returns its exit code.</summary>
    public int RunApply(string folder)
    {
        var output = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return Cli.Program.Main(ApplyArguments(folder));
        }
        finally
        {
            Console.SetOut(output);
        }
    }

    /// <summary>
    /// Runs alterMIME as a content filter runs it, one process reading the file on stdin and writing stdout to a
    /// file (the shell that sets up the redirections execs alterMIME); returns its exit code.
    /// </summary>
    public int RunAlterMime()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c", "exec altermime --input=- --disclaimer=\"$1\" --disclaimer-html=\"$2\" < \"$3\" > \"$4\"", "sh",
                TextDisclaimerPath, HtmlDisclaimerPath, MessagePath, Path.Combine(OutputFolder, "altermime.eml"),
            },
            UseShellExecute = false,
        })!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Deletes the job's folder.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
