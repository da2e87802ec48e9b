using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ExchangeRules.Engine.Tests.Support;

/// <summary>
/// Runs work on a thread with a 1 MB stack, the size Exchange's transport threads have (the .NET default on Linux
/// is 8 MB, which would hide a recursion that overflows on the server). A stack overflow ends the test process.
/// </summary>
internal static class SmallStack
{
    public const int ExchangeThreadStackBytes = 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            ExchangeThreadStackBytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
