using CxPlus.Reports.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CxPlus.Web.Features.Language;

/// <summary>
/// MudBlazor's own texts (a close button's label, a field's clear button) from our resource files
/// (<c>Mud.{key}</c>, e.g. <c>Mud.MudAlert_Close</c>), in the reader's language; a key we do not
/// carry falls back to MudBlazor's English.
/// </summary>
public sealed class TextsMudLocalizer : MudLocalizer
{
    public override LocalizedString this[string key] =>
        Texts.Get($"Mud.{key}") is var text && text != $"Mud.{key}"
            ? new LocalizedString(key, text)
            : new LocalizedString(key, key, resourceNotFound: true);
}
