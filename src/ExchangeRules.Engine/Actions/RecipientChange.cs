namespace ExchangeRules.Engine.Actions;

/// <summary>The kind of envelope change.</summary>
public enum RecipientChange
{
    /// <summary>Add a visible recipient (envelope and Cc header).</summary>
    Add = 0,

    /// <summary>Add a blind copy recipient (envelope only).</summary>
    Bcc = 1,

    /// <summary>Replace the copy's recipients with this address.</summary>
    Redirect = 2,
}
