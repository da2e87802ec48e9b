using System;
using System.Text;
using System.Threading.Tasks;
using Fluid;
using Fluid.Values;

namespace ExchangeRules.Templates;

/// <summary>The filters templates may use beyond Liquid's standard ones (<c>default</c>, <c>upcase</c>, ...).</summary>
internal static class TemplateFilters
{
    public static void Register(TemplateOptions options)
    {
        options.Filters.AddFilter(TemplateSourceRewriter.PlaceFilter, Place);
        options.Filters.AddFilter("phone", Phone);
        options.Filters.AddFilter("tel", Tel);
        options.Filters.AddFilter("mailto", Mailto);
        options.Filters.AddFilter("url", Url);
        options.Filters.AddFilter("upper", (input, _, _) => Result(input.ToStringValue().ToUpperInvariant()));
        options.Filters.AddFilter("lower", (input, _, _) => Result(input.ToStringValue().ToLowerInvariant()));
    }

    /// <summary>Formats a phone number: separators normalised to single spaces, or digits poured into a pattern of '#'.</summary>
    internal static string FormatPhone(string value, string? pattern)
    {
        var cleaned = CleanPhone(value);
        if (string.IsNullOrEmpty(pattern) || cleaned.Length == 0)
        {
            return cleaned;
        }

        var digits = Digits(cleaned);
        var slots = 0;
        foreach (var c in pattern!)
        {
            if (c == '#')
            {
                slots++;
            }
        }

        if (slots != digits.Length)
        {
            // The number does not fit the pattern (another country, an extension): show it as written.
            return cleaned;
        }

        var result = new StringBuilder(pattern.Length);
        var next = 0;
        foreach (var c in pattern)
        {
            result.Append(c == '#' ? digits[next++] : c);
        }

        return result.ToString();
    }

    internal static string TelUrl(string value)
    {
        var cleaned = CleanPhone(value);
        if (cleaned.Length == 0)
        {
            return string.Empty;
        }

        return "tel:" + (cleaned.StartsWith("+", StringComparison.Ordinal) ? "+" : string.Empty) + Digits(cleaned);
    }

    private static ValueTask<FluidValue> Place(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var placement = (PlacementContext)Enum.Parse(typeof(PlacementContext), arguments.At(0).ToStringValue());
        var value = input.IsNil() ? string.Empty : input.ToStringValue();
        return new ValueTask<FluidValue>(new StringValue(Placement.Place(value, placement), false));
    }

    private static ValueTask<FluidValue> Phone(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        Result(FormatPhone(input.ToStringValue(), arguments.Count > 0 ? arguments.At(0).ToStringValue() : null));

    private static ValueTask<FluidValue> Tel(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        Result(TelUrl(input.ToStringValue()));

    private static ValueTask<FluidValue> Mailto(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var address = input.ToStringValue().Trim();
        return Result(address.Length == 0 || address.IndexOf('@') <= 0 ? string.Empty : "mailto:" + address);
    }

    private static ValueTask<FluidValue> Url(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        Result(Placement.ValidUrl(input.ToStringValue()) ?? string.Empty);

    private static ValueTask<FluidValue> Result(string value) =>
        new(value.Length == 0 ? NilValue.Instance : StringValue.Create(value));

    private static string CleanPhone(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (char.IsDigit(c) || (c == '+' && builder.Length == 0))
            {
                if (pendingSpace && builder.Length > 0 && builder[builder.Length - 1] != '+')
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                pendingSpace = false;
            }
            else if (builder.Length > 0)
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    private static string Digits(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
