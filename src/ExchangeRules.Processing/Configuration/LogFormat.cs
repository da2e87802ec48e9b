namespace ExchangeRules.Processing.Configuration;

/// <summary>How log files are written.</summary>
internal enum LogFormat
{
    /// <summary>One readable line per event.</summary>
    Text = 0,

    /// <summary>Compact JSON (CLEF), one object per line, for log tools.</summary>
    Json = 1,
}
