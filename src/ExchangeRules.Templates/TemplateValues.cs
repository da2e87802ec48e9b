using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using Fluid;
using Fluid.Values;

namespace ExchangeRules.Templates;

/// <summary>
/// Builds the values a template sees (<c>sender</c>, <c>manager</c>, <c>onBehalfOf</c>, <c>message</c>, ...). One per
/// compiler: the person values it caches include the custom attributes that compiler's configuration declares.
/// </summary>
internal sealed class TemplateValues
{
    private readonly ConditionalWeakTable<DirectoryEntry, PersonSlot> _withManager = new();
    private readonly ConditionalWeakTable<DirectoryEntry, PersonSlot> _withoutManager = new();
    private readonly IReadOnlyList<CustomDirectoryField> _customFields;

    public TemplateValues(IReadOnlyList<CustomDirectoryField> customFields)
    {
        _customFields = customFields;
    }

    public void Populate(TemplateContext context, TemplateModel model)
    {
        var sender = Person(model.Sender, model.SenderDisplayName, model.SenderAddress, includeManager: true);
        context.SetValue("sender", sender);
        context.SetValue("manager", model.Sender?.Manager is { } manager ? (FluidValue)Person(manager, null, null, includeManager: false) : NilValue.Instance);
        var onBehalfOf = model.OnBehalfOf is { } mailbox ? (FluidValue)Person(mailbox, null, null, includeManager: true) : NilValue.Instance;
        context.SetValue("onBehalfOf", onBehalfOf);
        context.SetValue("mailbox", onBehalfOf);
        context.SetValue("message", Dictionary(new Dictionary<string, FluidValue>(StringComparer.OrdinalIgnoreCase)
        {
            ["subject"] = StringValue.Create(model.Subject ?? string.Empty),
        }));
        context.SetValue("rule", StringValue.Create(model.RuleName ?? string.Empty));
        context.SetValue("now", new DateTimeValue(model.Now));
    }

    /// <summary>
    /// The person's values, built once per directory entry: every stamp renders its HTML and its text template, each
    /// with the sender and the manager, and the directory cache hands out the same entry message after message, so
    /// building the dictionaries anew each time was most of the cost of rendering. Entries are immutable, and so are
    /// the values once built; the weak table lets an entry and its values go together when the directory cache drops it.
    /// </summary>
    private RecordValue Person(DirectoryEntry? entry, string? fallbackName, string? fallbackAddress, bool includeManager)
    {
        if (entry is null)
        {
            return BuildPerson(null, fallbackName, fallbackAddress, includeManager);
        }

        var slot = (includeManager ? _withManager : _withoutManager).GetValue(entry, _ => new PersonSlot());
        var cached = slot.Value;
        if (cached is not null && cached.FallbackName == fallbackName && cached.FallbackAddress == fallbackAddress)
        {
            return cached.Value;
        }

        var value = BuildPerson(entry, fallbackName, fallbackAddress, includeManager);
        slot.Value = new CachedPerson(fallbackName, fallbackAddress, value);
        return value;
    }

    private RecordValue BuildPerson(DirectoryEntry? entry, string? fallbackName, string? fallbackAddress, bool includeManager)
    {
        var values = new Dictionary<string, FluidValue>(StringComparer.OrdinalIgnoreCase);
        if (entry is not null)
        {
            foreach (var attribute in entry.AttributeNames)
            {
                Set(values, attribute, entry.GetValue(attribute));
            }

            foreach (var field in PersonFields.Attributes)
            {
                Set(values, field.Key, entry.GetValue(field.Value));
            }

            foreach (var custom in _customFields)
            {
                SetCustom(values, custom, entry.GetValues(custom.LdapName));
            }

            if (!values.ContainsKey("email"))
            {
                Set(values, "email", PrimaryProxyAddress(entry));
            }

            if (DirectoryPhotos.ImageFor(entry.Photo) is { } photo)
            {
                values["photo"] = StringValue.Create("cid:" + photo.ContentId);
            }

            if (includeManager && entry.Manager is { } manager)
            {
                values["manager"] = Person(manager, null, null, includeManager: false);
            }

            values["distinguishedName"] = StringValue.Create(entry.DistinguishedName);
        }

        if (!values.ContainsKey("displayName"))
        {
            Set(values, "displayName", fallbackName);
        }

        if (!values.ContainsKey("email"))
        {
            Set(values, "email", fallbackAddress);
        }

        return Dictionary(values);
    }

    private static string? PrimaryProxyAddress(DirectoryEntry entry)
    {
        foreach (var proxy in entry.GetValues("proxyAddresses"))
        {
            if (proxy.StartsWith("SMTP:", StringComparison.Ordinal))
            {
                return proxy.Substring(5);
            }
        }

        return null;
    }

    /// <summary>Empty values are left out, so <c>{% if sender.mobile %}</c> is false for them as admins expect.</summary>
    private static void Set(Dictionary<string, FluidValue> values, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[name] = StringValue.Create(value!);
        }
    }

    /// <summary>A declared attribute: its first value, or with multiValued every non-empty value as a list; left out when it has none.</summary>
    private static void SetCustom(Dictionary<string, FluidValue> values, CustomDirectoryField custom, IReadOnlyList<string> found)
    {
        if (!custom.MultiValued)
        {
            Set(values, custom.Name, found.Count > 0 ? found[0] : null);
            return;
        }

        var items = new List<FluidValue>(found.Count);
        foreach (var value in found)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                items.Add(StringValue.Create(value));
            }
        }

        if (items.Count > 0)
        {
            values[custom.Name] = new ArrayValue(items);
        }
    }

    private static RecordValue Dictionary(Dictionary<string, FluidValue> values) => new(values);

    /// <summary>The values last built for one entry; replaced whole, so readers on other threads see a consistent set.</summary>
    private sealed class PersonSlot
    {
        private volatile CachedPerson? _value;

        public CachedPerson? Value
        {
            get => _value;
            set => _value = value;
        }
    }

    private sealed class CachedPerson
    {
        public CachedPerson(string? fallbackName, string? fallbackAddress, RecordValue value)
        {
            FallbackName = fallbackName;
            FallbackAddress = fallbackAddress;
            Value = value;
        }

        public string? FallbackName { get; }

        public string? FallbackAddress { get; }

        public RecordValue Value { get; }
    }
}
