using System.Collections.Generic;

namespace ExchangeRules.Templates;

/// <summary>
/// The Liquid compiled for an admin's template, with the edits that produced it (Exchange tokens replaced, the
/// placement filter inserted), so a position in the compiled text maps back to the admin's line and column.
/// </summary>
internal sealed class RewrittenSource
{
    private readonly IReadOnlyList<Edit> _tokenEdits;
    private readonly IReadOnlyList<Edit> _placeEdits;

    public RewrittenSource(string original, string text, IReadOnlyList<Edit> tokenEdits, IReadOnlyList<Edit> placeEdits)
    {
        Original = original;
        Text = text;
        _tokenEdits = tokenEdits;
        _placeEdits = placeEdits;
    }

    /// <summary>The admin's template.</summary>
    public string Original { get; }

    /// <summary>The Liquid that is compiled.</summary>
    public string Text { get; }

    /// <summary>The admin's line and column for a 1-based line and column of <see cref="Text"/>.</summary>
    public (int Line, int Column) OriginalPosition(int line, int column)
    {
        var offset = OffsetOf(Text, line, column);
        var original = Map(_tokenEdits, Map(_placeEdits, offset));
        return TemplateSourceRewriter.Locate(Original, original);
    }

    /// <summary>The offset before the edits for an offset after them; inside inserted text, the start of what it replaced.</summary>
    internal static int Map(IReadOnlyList<Edit> edits, int offset)
    {
        var shift = 0;
        foreach (var edit in edits)
        {
            if (offset < edit.RewrittenStart)
            {
                break;
            }

            if (offset < edit.RewrittenEnd)
            {
                return edit.OriginalStart;
            }

            shift = edit.RewrittenEnd - edit.OriginalEnd;
        }

        return offset - shift;
    }

    private static int OffsetOf(string text, int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line && offset < text.Length; offset++)
        {
            if (text[offset] == '\n')
            {
                current++;
            }
        }

        return System.Math.Min(text.Length, offset + System.Math.Max(0, column - 1));
    }

    /// <summary>One replacement: <c>[RewrittenStart, RewrittenEnd)</c> of the new text stands for <c>[OriginalStart, OriginalEnd)</c> of the old.</summary>
    internal readonly struct Edit
    {
        public Edit(int rewrittenStart, int rewrittenEnd, int originalStart, int originalEnd)
        {
            RewrittenStart = rewrittenStart;
            RewrittenEnd = rewrittenEnd;
            OriginalStart = originalStart;
            OriginalEnd = originalEnd;
        }

        public int RewrittenStart { get; }

        public int RewrittenEnd { get; }

        public int OriginalStart { get; }

        public int OriginalEnd { get; }
    }
}
