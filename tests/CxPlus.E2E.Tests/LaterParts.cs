using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>The sections below the first screen follow their page (ADR 0009, <c>LaterPart</c>).</summary>
internal static class LaterParts
{
    /// <summary>Waits until no section of the page is on its way (each has arrived, or become a link).</summary>
    public static Task ArrivedAsync(this IPage page) => page.WaitForFunctionAsync("() => !document.querySelector('[data-pending]')");

    /// <summary>Waits two frames: what the page did once they arrived (landing on a #section) is on screen.</summary>
    public static Task PaintedAsync(this IPage page) => page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
}
