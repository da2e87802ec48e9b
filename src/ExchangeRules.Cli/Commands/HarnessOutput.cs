using System;
using System.IO;
using System.Linq;
using ExchangeRules.Harness.Topology;

namespace ExchangeRules.Cli.Commands;

/// <summary>How serve, demo and hybrid-check print copies and paths.</summary>
internal static class HarnessOutput
{
    public static string Where(DeliveryTarget target) => target switch
    {
        DeliveryTarget.OnPremisesMailbox => "on-premises mailbox",
        DeliveryTarget.ExchangeOnlineMailbox => "Exchange Online mailbox",
        DeliveryTarget.Internet => "internet",
        DeliveryTarget.Bounced => "BOUNCED",
        DeliveryTarget.Queued => "QUEUED",
        _ => "DROPPED",
    };

    public static string Agent(DeliveredCopy copy)
    {
        if (copy.Passes.Count == 0)
        {
            return "not seen (never crossed on-premises)";
        }

        var first = copy.Passes[0];
        var seen = $"{first.Origin}/{first.Direction}";
        return copy.Passes.Count == 1 ? "processed as " + seen : $"processed as {seen}, crossed {copy.Passes.Count} times";
    }

    public static void WritePath(TextWriter output, DeliveredCopy copy, string indent)
    {
        foreach (var step in copy.Path)
        {
            output.WriteLine($"{indent}- {step}");
        }
    }

    public static void WriteTable(TextWriter output, string[] headers, string[][] rows)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Length == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
