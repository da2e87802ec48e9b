namespace ExchangeRules.Processing.Transport;

/// <summary>
/// Per-event facts for a lab, written when the configuration's <c>&lt;diagnostics transportEvents="true"/&gt;</c> is
/// set (docs/install.md, "Lab checklist"): what Exchange showed the agent and what the agent did with it. The
/// transport handler calls it once per event it handled; off, it costs one property read.
/// </summary>
/// <threadsafety>Safe to call from many threads at once; never throws.</threadsafety>
public interface ITransportDiagnostics
{
    /// <summary>Whether facts are written; a handler may skip gathering them when not.</summary>
    bool IsEnabled { get; }

    /// <summary>Writes the facts of one handled event.</summary>
    /// <param name="facts">What the event showed and what was done.</param>
    void Record(TransportEventFacts facts);

    /// <summary>
    /// Writes, once per distinct text, something the agent relies on that no Microsoft source states, with what the
    /// lab observed, so an admin's lab run confirms or refutes it (docs/architecture.md lists the assumptions).
    /// </summary>
    /// <param name="assumption">The assumption, for example "MailItem.Message reflects MIME written through GetMimeWriteStream".</param>
    /// <param name="observed">What this server showed, for example "marker present after write: yes".</param>
    void RecordAssumption(string assumption, string observed);
}
