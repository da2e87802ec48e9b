using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExchangeRules.Cli.Cases;

/// <summary>Reads and checks a cases file; every error names the file and the place in it.</summary>
internal static class CaseFileReader
{
    private static readonly JsonSerializerOptions _options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads <paramref name="path"/>; on failure adds every error to <paramref name="errors"/> and returns <see langword="null"/>.</summary>
    public static CaseFile? TryRead(string path, ICollection<string> errors)
    {
        CaseFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CaseFile>(File.ReadAllBytes(path), _options);
        }
        catch (JsonException exception)
        {
            var place = exception.LineNumber is { } line ? $"{path}:{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : path;
            errors.Add($"{place}: {exception.Message}");
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{path}: the cases file cannot be read: {exception.Message}");
            return null;
        }

        if (file is null)
        {
            errors.Add($"{path}: the cases file is empty (null)");
            return null;
        }

        var before = errors.Count;
        if (file.Cases.Count == 0)
        {
            errors.Add($"{path}: $.cases: no case; a cases file must test something");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Cases.Count; i++)
        {
            var testCase = file.Cases[i];
            var place = $"{path}: $.cases[{i}] \"{testCase.Name}\"";
            if (!names.Add(testCase.Name))
            {
                errors.Add($"{place}: duplicate case name");
            }

            if (!File.Exists(Resolve(path, testCase.Message)))
            {
                errors.Add($"{place}: message file '{testCase.Message}' does not exist ({Resolve(path, testCase.Message)})");
            }

            if (testCase.Envelope is { To.Count: 0 })
            {
                errors.Add($"{place}: envelope.to is empty");
            }

            if (testCase.Expect.Count == 0)
            {
                errors.Add($"{place}: expect is empty; name each recipient (or \"*\") and what it must receive");
            }

            foreach (var (recipient, expectation) in testCase.Expect.Where(pair => pair.Value.IsEmpty))
            {
                errors.Add($"{place}: expect[\"{recipient}\"] checks nothing; give outcome, rules, blocks, subject or headers");
            }

            foreach (var block in testCase.Expect.Values.SelectMany(expectation => expectation.Blocks ?? Array.Empty<string>()).Where(block => !block.Contains('@', StringComparison.Ordinal)))
            {
                errors.Add($"{place}: block '{block}' is not written as template@placement (for example disclaimer@bottom)");
            }
        }

        return errors.Count == before ? file : null;
    }

    /// <summary>A path from the cases file, relative to the file's folder.</summary>
    public static string Resolve(string casesPath, string relative) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(casesPath)) ?? string.Empty, relative));
}
