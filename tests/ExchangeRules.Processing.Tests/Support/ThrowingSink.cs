using System.IO;
using Serilog.Core;
using Serilog.Events;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>A sink whose disk is always full.</summary>
internal sealed class ThrowingSink : ILogEventSink
{
    public int Calls { get; private set; }

    public void Emit(LogEvent logEvent)
    {
        Calls++;
        throw new IOException("There is not enough space on the disk.");
    }
}
