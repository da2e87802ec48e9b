using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Harness.Topology;

namespace ExchangeRules.Harness.Delivery;

/// <summary>
/// Writes delivered copies to disk: <c>on-premises/&lt;mailbox&gt;/</c>, <c>exchange-online/&lt;mailbox&gt;/</c>,
/// <c>internet/&lt;address&gt;/</c>, and <c>bounced/</c> and <c>queued/</c> (each .eml next to a .txt with the reason).
/// Every copy also gets a line in <c>deliveries.log</c> with its path.
/// </summary>
public sealed class MailDrop
{
    private static readonly char[] _invalid = Path.GetInvalidFileNameChars();
    private readonly object _gate = new();
    private int _sequence;

    /// <summary>Creates the drop under <paramref name="root"/> (created when missing).</summary>
    public MailDrop(string root)
    {
        Root = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The root folder.</summary>
    public string Root { get; }

    /// <summary>Writes every copy and sets its <see cref="DeliveredCopy.File"/>.</summary>
    public void Write(IEnumerable<DeliveredCopy> copies)
    {
        if (copies is null)
        {
            throw new ArgumentNullException(nameof(copies));
        }

        foreach (var copy in copies)
        {
            var folder = FolderFor(copy);
            Directory.CreateDirectory(folder);
            var number = Interlocked.Increment(ref _sequence);
            var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{number:D4}.eml");
            File.WriteAllBytes(file, copy.Mime);
            if (copy.Target is DeliveryTarget.Bounced or DeliveryTarget.Queued)
            {
                File.WriteAllText(Path.ChangeExtension(file, ".txt"), $"Recipient: {copy.Recipient}{Environment.NewLine}Reason: {copy.Detail}{Environment.NewLine}", Encoding.UTF8);
            }

            copy.File = file;
            var line = $"{DateTime.UtcNow:O}\t{copy.Sender}\t{copy.Recipient}\t{copy.Target}\t{file}\t{string.Join(" | ", copy.Path)}{Environment.NewLine}";
            lock (_gate)
            {
                File.AppendAllText(Path.Combine(Root, "deliveries.log"), line, Encoding.UTF8);
            }
        }
    }

    private string FolderFor(DeliveredCopy copy) => copy.Target switch
    {
        DeliveryTarget.OnPremisesMailbox => Path.Combine(Root, "on-premises", Safe(copy.Recipient)),
        DeliveryTarget.ExchangeOnlineMailbox => Path.Combine(Root, "exchange-online", Safe(copy.Recipient)),
        DeliveryTarget.Internet => Path.Combine(Root, "internet", Safe(copy.Recipient)),
        DeliveryTarget.Queued => Path.Combine(Root, "queued"),
        _ => Path.Combine(Root, "bounced"),
    };

    private static string Safe(string address)
    {
        var safe = new string(address.Select(c => _invalid.Contains(c) ? '_' : c).ToArray()).ToLowerInvariant();
        return safe.Length == 0 ? "_" : safe;
    }
}
