using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using Fluid;
using Fluid.Ast;

namespace ExchangeRules.Templates;

/// <summary>
/// Refuses fields a template reads that no directory entry can have: <c>{{ sender.titel }}</c> would render empty
/// and its line would silently disappear from every signature, as <c>%%Titel%%</c> is already refused. Known are the
/// built-in fields (<see cref="TemplateFieldNames.BuiltIn"/>) and the custom attributes the agent configuration
/// declares, by field name or LDAP name; suggestions for a typo come from both. The bracket
/// form (<c>sender['msDS-CostCenter']</c>) reads any attribute the directory returns and is not checked: it is how a
/// template names an attribute outside the schema on purpose.
/// </summary>
internal sealed class TemplateFieldCheck
{
    private static readonly HashSet<string> _people = new(StringComparer.OrdinalIgnoreCase) { "sender", "manager", "onBehalfOf", "mailbox" };
    private static readonly HashSet<string> _messageFields = new(StringComparer.OrdinalIgnoreCase) { "subject" };

    private readonly HashSet<string> _personFields;

    public TemplateFieldCheck(IEnumerable<CustomDirectoryField> customFields)
    {
        _personFields = new HashSet<string>(TemplateFieldNames.BuiltIn, StringComparer.OrdinalIgnoreCase);
        foreach (var custom in customFields)
        {
            _personFields.Add(custom.Name);
            _personFields.Add(custom.LdapName);
        }
    }

    /// <summary>Throws <see cref="TemplateCompileException"/> at the admin's line and column for the first unknown field.</summary>
    public void Check(IFluidTemplate template, string source, string sourceName)
    {
        var finder = new Finder(this);
        finder.VisitTemplate(template);
        if (finder.Unknown is not { } unknown)
        {
            return;
        }

        var (line, column) = Find(source, unknown.Path);
        var message = $"unknown field '{unknown.Path}'";
        if (Suggest(unknown.Field, unknown.Candidates) is { } suggestion)
        {
            message += $" (did you mean '{suggestion}'?)";
        }

        message += unknown.Candidates == _messageFields
            ? "; message has: subject"
            : $"; a person has the fields listed in docs/templates.md and the directory schema's attributes; declare another directory attribute in the agent configuration (<directory><attribute name=\"...\" ldap=\"...\" />, docs/configuration.md), or write {unknown.Path.Substring(0, unknown.Path.LastIndexOf('.'))}['{unknown.Field}'] to read it unchecked";
        throw new TemplateCompileException(message, sourceName, line, column);
    }

    private static (int Line, int Column) Find(string source, string path)
    {
        // sender.title, sender . title, sender['title'] or sender["title"]: a dot, or a quoted name in brackets.
        var parts = path.Split('.');
        var pattern = Regex.Escape(parts[0]) + string.Concat(parts.Skip(1).Select(part => @"\s*(?:\.\s*" + Regex.Escape(part) + @"|\[\s*['""]" + Regex.Escape(part) + @"['""]\s*\])"));
        var match = Regex.Match(source, @"(?<![A-Za-z0-9_])" + pattern + @"(?![A-Za-z0-9_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? TemplateSourceRewriter.Locate(source, match.Index) : (0, 0);
    }

    private static string? Suggest(string field, HashSet<string> candidates)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in candidates)
        {
            var distance = Distance(field.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string? Name(MemberSegment segment) => segment switch
    {
        IdentifierSegment identifier => identifier.Identifier,
        IndexerSegment { Expression: LiteralExpression literal } => literal.Value.ToStringValue(),
        _ => null,
    };

    private sealed class UnknownField
    {
        public UnknownField(string path, string field, HashSet<string> candidates)
        {
            Path = path;
            Field = field;
            Candidates = candidates;
        }

        public string Path { get; }

        public string Field { get; }

        public HashSet<string> Candidates { get; }
    }

    private sealed class Finder : AstVisitor
    {
        private readonly TemplateFieldCheck _owner;

        public Finder(TemplateFieldCheck owner)
        {
            _owner = owner;
        }

        public UnknownField? Unknown { get; private set; }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (Unknown is null)
            {
                Unknown = Inspect(memberExpression.Segments);
            }

            return base.VisitMemberExpression(memberExpression);
        }

        private UnknownField? Inspect(IReadOnlyList<MemberSegment> segments)
        {
            if (segments.Count < 2 || Name(segments[0]) is not { } root)
            {
                return null;
            }

            if (root.Equals("message", StringComparison.OrdinalIgnoreCase))
            {
                return Name(segments[1]) is { } field && !_messageFields.Contains(field) ? new UnknownField(root + "." + field, field, _messageFields) : null;
            }

            if (!_people.Contains(root))
            {
                return null;
            }

            var path = root;
            for (var i = 1; i < segments.Count; i++)
            {
                if (Name(segments[i]) is not { } field)
                {
                    return null;
                }

                path += "." + field;

                // sender['msDS-CostCenter']: the bracket form names a directory attribute outside the schema on purpose.
                if (segments[i] is IndexerSegment)
                {
                    return null;
                }

                if (!_owner._personFields.Contains(field))
                {
                    return new UnknownField(path, field, _owner._personFields);
                }

                // sender.manager.title: the manager is a person too; anything else ends the person's fields.
                if (!field.Equals("manager", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }

            return null;
        }
    }
}
