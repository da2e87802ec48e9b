using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Fluid;
using Fluid.Values;

namespace ExchangeRules.Templates;

/// <summary>
/// A person (or the message) as a template sees it: named values looked up case-insensitively, so
/// <c>sender.FirstName</c>, <c>sender.firstname</c> and <c>sender['firstName']</c> all work. A missing name is nil.
/// Written on its own (<c>{{ sender }}</c>) it is the display name.
/// </summary>
internal sealed class RecordValue : FluidValue
{
    private readonly Dictionary<string, FluidValue> _values;

    public RecordValue(Dictionary<string, FluidValue> values)
    {
        _values = new Dictionary<string, FluidValue>(values, StringComparer.OrdinalIgnoreCase);
    }

    public override FluidValues Type => FluidValues.Dictionary;

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override object ToObjectValue() => _values;

    public override string ToStringValue() => _values.TryGetValue("displayName", out var name) ? name.ToStringValue() : string.Empty;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) =>
        new(_values.TryGetValue(name, out var value) ? value : NilValue.Instance);

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) =>
        GetValueAsync(index.ToStringValue(), context);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => _values.GetHashCode();
}
