using System;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>The command-line verbs: the ones the alterMIME comparison script calls (see compare-altermime.sh) and the stopwatch profiles.</summary>
internal static class ComparisonVerbs
{
    /// <summary>Runs a verb when the first argument names one.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        switch (args[0])
        {
            case "fixtures" when args.Length == 2:
                exitCode = FixtureWriter.Write(args[1]);
                return true;
            case "rules" when args.Length == 2:
                Console.WriteLine(Fixtures.RuleSetFiles.WriteRealistic(args[1]));
                foreach (var count in new[] { 10, 100, 1000 })
                {
                    Console.WriteLine(Fixtures.RuleSetFiles.WriteNonMatching(args[1], count));
                }

                exitCode = 0;
                return true;
            case "profile-evaluation":
                exitCode = EvaluationProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
                return true;
            case "stamp" when args.Length is 3 or 4:
                exitCode = ExchangeRulesStamper.Run(args[1], args[2], args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20);
                return true;
            case "profile-stamping":
                exitCode = StampingProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50, args.Length > 2 ? args[2] : null);
                return true;
            case "profile-editing-steps":
                exitCode = EditingStepsProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500, args.Length > 2 ? args[2] : null);
                return true;
            case "profile-inserter-steps":
                exitCode = InserterStepsProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, args.Length > 2 ? args[2] : null);
                return true;
            case "dump-inserter-output" when args.Length == 3:
                exitCode = InserterOutputDump.Run(args[1], args[2]);
                return true;
            case "profile-processor":
                exitCode = ProcessorStepsProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300, args.Length > 2 ? args[2] : null);
                return true;
            case "profile-tnef-steps":
                exitCode = TnefStepsProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300, args.Length > 2 ? args[2] : null);
                return true;
            case "profile-harness":
                exitCode = HarnessProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300, args.Length > 2 ? args[2] : null);
                return true;
            case "profile-harness-smtp":
                exitCode = HarnessProfile.RunOverSmtp(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
                return true;
            case "profile-recipients":
                exitCode = RecipientsProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10, args.Length > 2 ? args[2] : null);
                return true;
            case "profile-apply":
                exitCode = ApplyProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : null);
                return true;
            case "profile-header-blocks":
                exitCode = HeaderBlockProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : null);
                return true;
            case "explain":
                exitCode = ScenarioExplainer.Run();
                return true;
            case "verify" when args.Length == 3:
                exitCode = OutputVerifier.Run(args[1], args[2]);
                return true;
            default:
                exitCode = 0;
                return false;
        }
    }
}
