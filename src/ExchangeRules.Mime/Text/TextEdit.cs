namespace ExchangeRules.Mime.Text;

/// <summary>Replaces <see cref="Length"/> characters of a decoded text at <see cref="Start"/> with <see cref="Text"/>.</summary>
internal readonly struct TextEdit
{
    public TextEdit(int start, int length, string text)
    {
        Start = start;
        Length = length;
        Text = text;
    }

    /// <summary>The character offset in the decoded text.</summary>
    public int Start { get; }

    /// <summary>How many characters are replaced (0: an insertion).</summary>
    public int Length { get; }

    /// <summary>The new text.</summary>
    public string Text { get; }
}
