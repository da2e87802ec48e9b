using System;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Engine.Tests.Support;

/// <summary>
/// A tiny template language for engine tests: <c>{{sender}}</c>, <c>{{name}}</c>, <c>{{department}}</c>,
/// <c>{{rule}}</c> and <c>{{subject}}</c> are replaced; a line containing <c>{%</c> is a compile error at that line;
/// <c>{{boom}}</c> throws when rendered.
/// </summary>
internal sealed class FakeTemplateCompiler : ITemplateCompiler
{
    private readonly bool _rejectTags;

    public FakeTemplateCompiler(bool rejectTags = true)
    {
        _rejectTags = rejectTags;
    }

    public int Compilations { get; private set; }

    public ICompiledTemplate Compile(string source, TemplateFormat format, string sourceName)
    {
        Compilations++;
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf("{%", StringComparison.Ordinal);
            if (_rejectTags && column >= 0)
            {
                throw new TemplateCompileException("unknown tag '{%'", sourceName, i + 1, column + 1);
            }
        }

        return new Compiled(source, format);
    }

    private sealed class Compiled : ICompiledTemplate
    {
        private readonly string _source;
        private readonly TemplateFormat _format;

        public Compiled(string source, TemplateFormat format)
        {
            _source = source;
            _format = format;
        }

        public string Render(TemplateModel model)
        {
            if (_source.Contains("{{boom}}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the template exploded");
            }

            var name = model.Sender?.GetValue("displayName") ?? model.SenderDisplayName;
            return (_format == TemplateFormat.Html ? "[html]" : "[text]") + _source
                .Replace("{{sender}}", model.SenderAddress, StringComparison.Ordinal)
                .Replace("{{name}}", name, StringComparison.Ordinal)
                .Replace("{{department}}", model.Sender?.GetValue("department") ?? string.Empty, StringComparison.Ordinal)
                .Replace("{{rule}}", model.RuleName, StringComparison.Ordinal)
                .Replace("{{subject}}", model.Subject, StringComparison.Ordinal);
        }
    }
}
