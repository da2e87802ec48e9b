using System;
using System.Collections.Generic;
using Fluid;
using Fluid.Ast;

namespace ExchangeRules.Templates;

/// <summary>
/// Works out from a parsed template whether its output depends only on the people it names (<c>sender</c>,
/// <c>manager</c>, <c>onBehalfOf</c>, <c>mailbox</c>): then a render can be reused for the next message from the same
/// sender. Anything else (the subject, the time, the rule, a variable the template assigns itself, a filter not known
/// to be a pure function of its input) makes every message render afresh.
/// </summary>
internal static class TemplateDependencies
{
    private static readonly HashSet<string> _people = new(StringComparer.OrdinalIgnoreCase) { "sender", "manager", "onBehalfOf", "mailbox" };

    // Filters whose result depends only on their input and arguments. Fluid's date and time-zone filters read the clock
    // for "now" and "today", so they are not here; neither is any filter this list does not know.
    private static readonly HashSet<string> _pureFilters = new(StringComparer.OrdinalIgnoreCase)
    {
        TemplateSourceRewriter.PlaceFilter, "phone", "tel", "mailto", "url", "upper", "lower",
        "append", "prepend", "capitalize", "downcase", "upcase", "default", "escape", "escape_once", "strip", "lstrip",
        "rstrip", "strip_html", "strip_newlines", "newline_to_br", "remove", "remove_first", "remove_last", "replace",
        "replace_first", "replace_last", "slice", "split", "join", "first", "last", "size", "truncate", "truncatewords",
        "url_encode", "url_decode", "compact", "concat", "reverse", "sort", "sort_natural", "uniq", "map", "where",
    };

    /// <summary>Whether the template's output is a function of the people values alone.</summary>
    public static bool DependOnlyOnPeople(IFluidTemplate template)
    {
        var finder = new Finder();
        try
        {
            finder.VisitTemplate(template);
        }
#pragma warning disable CA1031 // The walk only decides whether renders are reused: it must never fail a compile.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            // A node the visitor cannot walk: assume the worst.
            return false;
        }

        return !finder.FoundOther;
    }

    private sealed class Finder : AstVisitor
    {
        public bool FoundOther { get; private set; }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments.Count == 0 || memberExpression.Segments[0] is not IdentifierSegment root || !_people.Contains(root.Identifier))
            {
                FoundOther = true;
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            if (!_pureFilters.Contains(filterExpression.Name))
            {
                FoundOther = true;
            }

            return base.VisitFilterExpression(filterExpression);
        }
    }
}
