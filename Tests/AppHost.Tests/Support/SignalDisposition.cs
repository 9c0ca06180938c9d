using System.Runtime.InteropServices;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>
/// A process started from a non-interactive shell's background job inherits SIGINT as ignored, and so
/// would every process it starts; a terminal's Ctrl+C could then not be reproduced. This restores
/// the default disposition in the test process (only when it was ignored) so children start as
/// they would from a terminal.
/// </summary>
internal static partial class SignalDisposition
{
    private const int SigInt = 2;

    public static void EnsureSigIntIsNotIgnored()
    {
        if (!OperatingSystem.IsLinux() || !IsIgnored(SigInt))
        {
            return;
        }
        _ = signal(SigInt, IntPtr.Zero); // SIG_DFL
    }

    private static bool IsIgnored(int signalNumber)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
                return (mask & (1UL << (signalNumber - 1))) != 0;
            }
        }
        return false;
    }

    /// <summary>Sends SIGINT to every process in the group led by <paramref name="processGroupId"/>, as Ctrl+C at a terminal does.</summary>
    public static void InterruptProcessGroup(int processGroupId)
    {
        if (kill(-processGroupId, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill(-{processGroupId}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr signal(int signum, IntPtr handler);
}
