using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using ExchangeRules.Harness.Topology;

namespace ExchangeRules.Harness.Delivery;

/// <summary>
/// Writes delivered copies to disk: <c>on-premises/&lt;mailbox&gt;/</c>, <c>exchange-online/&lt;mailbox&gt;/</c>,
/// <c>internet/&lt;address&gt;/</c>, and <c>bounced/</c>, <c>queued/</c> and <c>dropped/</c> (each .eml next to a .txt with the reason).
/// Every copy also gets a line in <c>deliveries.log</c> with its path. Each file is written under a temporary name in
/// its folder, flushed to disk and then renamed, so a crash or a full disk never leaves a truncated <c>.eml</c>; a copy
/// delivered before (same recipient and Message-ID: a retried submission) is not written again (<see cref="DuplicateDetection"/>).
/// </summary>
public sealed class MailDrop
{
    /// <summary>How many delivered copies duplicate detection remembers; the oldest are forgotten first.</summary>
    public const int DuplicateDetectionCapacity = 100_000;

    private const string _temporaryExtension = ".tmp";
    private static readonly char[] _invalid = Path.GetInvalidFileNameChars();
    private readonly object _gate = new();
    private readonly DuplicateDetection _duplicates = new(DuplicateDetectionCapacity);
    private int _sequence;

    /// <summary>Creates the drop under <paramref name="root"/> (created when missing); removes temporary files a crash left.</summary>
    public MailDrop(string root)
    {
        Root = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
        System.IO.Directory.CreateDirectory(Root);
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Root, "*" + _temporaryExtension, SearchOption.AllDirectories))
        {
            File.Delete(leftover);
        }
    }

    /// <summary>The root folder.</summary>
    public string Root { get; }

    /// <summary>
    /// Writes every copy and sets its <see cref="DeliveredCopy.File"/> (for a duplicate: the file of the first
    /// delivery, and <see cref="DeliveredCopy.IsDuplicate"/>). Throws <see cref="IOException"/> when a file cannot be
    /// written; nothing partial is left under a delivery's name.
    /// </summary>
    public void Write(IEnumerable<DeliveredCopy> copies)
    {
        if (copies is null)
        {
            throw new ArgumentNullException(nameof(copies));
        }

        var log = new StringBuilder();
        var messageIds = new ConditionalWeakTable<byte[], DuplicateDetection.MessageIdBox>();
        var folders = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var copy in copies)
            {
                var key = DuplicateDetection.KeyOf(copy, messageIds);
                string? first;
                lock (_gate)
                {
                    first = key is null ? null : _duplicates.FirstDelivery(key);
                }

                if (first is not null)
                {
                    copy.File = first;
                    copy.IsDuplicate = true;
                    log.Append($"{DateTime.UtcNow:O}\t{copy.Sender}\t{copy.Recipient}\tDuplicateDelivery\t{first}\tnot delivered again: the recipient already has this Message-ID{Environment.NewLine}");
                    continue;
                }

                var folder = FolderFor(copy);
                if (folders.Add(folder))
                {
                    System.IO.Directory.CreateDirectory(folder);
                }

                var number = Interlocked.Increment(ref _sequence);
                var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{number:D4}.eml");
                if (copy.Target is DeliveryTarget.Bounced or DeliveryTarget.Queued or DeliveryTarget.Dropped)
                {
                    WriteAtomically(Path.ChangeExtension(file, ".txt"), Encoding.UTF8.GetBytes($"Recipient: {copy.Recipient}{Environment.NewLine}Reason: {copy.Detail}{Environment.NewLine}"));
                }

                WriteAtomically(file, copy.Mime);
                copy.File = file;
                if (key is not null)
                {
                    lock (_gate)
                    {
                        _duplicates.Remember(key, file);
                    }
                }

                log.Append($"{DateTime.UtcNow:O}\t{copy.Sender}\t{copy.Recipient}\t{copy.Target}\t{file}\t{string.Join(" | ", copy.Path)}{Environment.NewLine}");
            }
        }
        finally
        {
            if (log.Length > 0)
            {
                lock (_gate)
                {
                    File.AppendAllText(Path.Combine(Root, "deliveries.log"), log.ToString(), Encoding.UTF8);
                }
            }
        }
    }

    /// <summary>Writes to a temporary file in the same folder, flushes it to disk, then renames it into place.</summary>
    private static void WriteAtomically(string path, byte[] content)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + _temporaryExtension);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.None))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The drop's constructor removes what is left.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private string FolderFor(DeliveredCopy copy) => copy.Target switch
    {
        DeliveryTarget.OnPremisesMailbox => Path.Combine(Root, "on-premises", Safe(copy.Recipient)),
        DeliveryTarget.ExchangeOnlineMailbox => Path.Combine(Root, "exchange-online", Safe(copy.Recipient)),
        DeliveryTarget.Internet => Path.Combine(Root, "internet", Safe(copy.Recipient)),
        DeliveryTarget.Queued => Path.Combine(Root, "queued"),
        DeliveryTarget.Dropped => Path.Combine(Root, "dropped"),
        _ => Path.Combine(Root, "bounced"),
    };

    private static string Safe(string address)
    {
        var safe = new string(address.Select(c => _invalid.Contains(c) ? '_' : c).ToArray()).ToLowerInvariant();
        return safe.Length == 0 ? "_" : safe;
    }
}
