using System.Runtime.InteropServices;
using Microsoft.Diagnostics.Runtime;

namespace CxPlus.Benchmarks;

/// <summary>
/// What the open circuits of a process hold, read from a heap dump (<c>dotnet-dump collect -p PID
/// --type Heap</c>): the objects reachable only through a circuit (its host, renderer, component
/// states, JS runtime, navigation, DI scope and connection), by type and by component type, per
/// circuit. dotnet-gcdump's sampled graph was too lossy on .NET 10 for this (docs/performance.md).
/// </summary>
internal static class CircuitHeap
{
    // The roots of one circuit's graph: everything else a circuit reaches is shared (caches, pools, singletons).
    private static readonly string[] CircuitTypes =
    [
        "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost",
        "Microsoft.AspNetCore.Components.Server.Circuits.CircuitClientProxy",
        "Microsoft.AspNetCore.Components.Server.Circuits.RemoteRenderer",
        "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState",
        "Microsoft.AspNetCore.Components.Server.Circuits.RemoteJSRuntime",
        "Microsoft.AspNetCore.Components.Server.Circuits.RemoteNavigationManager",
        "Microsoft.AspNetCore.SignalR.HubConnectionContext",
    ];

    public static void Print(string dump, int circuits, int top = 40)
    {
        using var target = DataTarget.LoadDump(dump);
        var clr = target.ClrVersions[0];
        // The machine's own runtime folder has the matching DAC (no symbol server here).
        var dac = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? clr.CreateRuntime(dac, ignoreMismatch: true) : clr.CreateRuntime();
        var heap = runtime.Heap;

        bool IsCircuitRoot(ClrObject o) => o.Type?.Name is { } name
            && (CircuitTypes.Contains(name) || name.StartsWith("Microsoft.AspNetCore.Server.Kestrel.Core.Internal.KestrelConnection", StringComparison.Ordinal)
                || (name == "Microsoft.Extensions.DependencyInjection.ServiceLookup.ServiceProviderEngineScope" && !o.ReadField<bool>("<IsRootScope>k__BackingField")));
        HashSet<ulong> Reachable(IEnumerable<ulong> from, Func<ClrObject, bool> stopAt)
        {
            var seen = new HashSet<ulong>();
            var stack = new Stack<ulong>(from.Where(a => a != 0 && seen.Add(a)));
            while (stack.Count > 0)
            {
                var o = heap.GetObject(stack.Pop());
                if (!o.IsValid || stopAt(o)) continue;
                foreach (var child in o.EnumerateReferenceAddresses(carefully: false, considerDependantHandles: true))
                    if (child != 0 && seen.Add(child)) stack.Push(child);
            }
            return seen;
        }
        var roots = heap.EnumerateRoots().Select(r => r.Object.Address).ToList();
        var live = Reachable(roots, _ => false);
        var shared = Reachable(roots, IsCircuitRoot);

        var byType = new Dictionary<string, (long Count, long Bytes)>();
        var components = new Dictionary<string, (long Count, long Bytes)>();
        long total = 0;
        foreach (var address in live)
        {
            var o = heap.GetObject(address);
            if (!o.IsValid || (shared.Contains(address) && !IsCircuitRoot(o))) continue;
            var name = o.Type?.Name ?? "?";
            var (count, bytes) = byType.GetValueOrDefault(name);
            byType[name] = (count + 1, bytes + (long)o.Size);
            total += (long)o.Size;
            if (name == "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState")
            {
                // A component: its object and the render trees it keeps (current, previous, last parameters).
                var component = o.ReadObjectField("<Component>k__BackingField");
                long held = (long)o.Size + (component.IsValid ? (long)component.Size : 0);
                foreach (var tree in new[] { o.ReadObjectField("<CurrentRenderTree>k__BackingField"), o.ReadObjectField("_nextRenderTree") })
                    if (tree.IsValid) held += Frames(tree.ReadObjectField("_entries"));
                held += Frames(o.ReadObjectField("_latestDirectParametersSnapshot"));
                var kind = component.Type?.Name ?? "?";
                var (n, b) = components.GetValueOrDefault(kind);
                components[kind] = (n + 1, b + held);
            }
        }

        static long Frames(ClrObject builder) => builder.IsValid && builder.ReadObjectField("_items") is { IsValid: true } items ? (long)items.Size : 0;
        string Kib(long bytes) => $"{bytes / (double)circuits / 1024,8:F1} KiB";
        Console.WriteLine($"held only through circuits, per circuit ({circuits}): {Kib(total).Trim()}");
        Console.WriteLine("by type:");
        foreach (var (name, (count, bytes)) in byType.OrderByDescending(x => x.Value.Bytes).Take(top))
            Console.WriteLine($"{Kib(bytes)} {count / (double)circuits,8:F1}  {name}");
        Console.WriteLine("by component (the component and its render trees):");
        foreach (var (name, (count, bytes)) in components.OrderByDescending(x => x.Value.Bytes).Take(top))
            Console.WriteLine($"{Kib(bytes)} {count / (double)circuits,8:F1}  {name}");
    }
}
