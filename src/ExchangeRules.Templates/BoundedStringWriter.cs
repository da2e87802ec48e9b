using System;
using System.IO;
using System.Text;

namespace ExchangeRules.Templates;

/// <summary>A string writer that refuses to grow past a limit, so a runaway template cannot exhaust memory.</summary>
internal sealed class BoundedStringWriter : StringWriter
{
    private readonly int _limit;

    public BoundedStringWriter(int limit)
        : base(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture)
    {
        _limit = limit;
    }

    public override void Write(char value)
    {
        Check(1);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    private void Check(int adding)
    {
        if (GetStringBuilder().Length + adding > _limit)
        {
            throw new InvalidOperationException($"the template's output exceeds the limit of {_limit} characters");
        }
    }
}
