using CxPlus.Data.Comments;
using CxPlus.Data.League;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CxPlus.Web.Features.Comments;

/// <summary>The code of the coding frame's page: the themes, one edited at a time with its rules tried on a wave as typed; its markup is FramePage.razor.</summary>
public partial class FramePage
{
    /// <summary>A theme as its fields hold it while edited: rules as the comma-separated text typed.</summary>
    private sealed class Draft
    {
        public string Key { get; set; } = "";
        public string NameNl { get; set; } = "";
        public string NameEn { get; set; } = "";
        public string Factor { get; set; } = "";
        public string RulesNl { get; set; } = "";
        public string RulesEn { get; set; } = "";

        public static IReadOnlyList<string> Split(string rules) => rules.Split([',', '\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        public ThemeDraft ToTheme() => new(Key, NameNl, NameEn, Factor.Length == 0 ? null : Factor, Split(RulesNl), Split(RulesEn));
    }

    private VersionedFrame? _frame;
    private Draft? _draft;
    private string? _editing, _done, _refused, _sector, _wave;
    private bool _busy;
    private IReadOnlyList<SectorInfo> _sectors = [];
    private IReadOnlyList<string> _waves = [];
    private ThemePreview? _preview;
    private CancellationTokenSource? _typing;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        _frame = await Frames.CurrentAsync(ct);
        _sectors = await Queries.SectorsAsync(ct);
        _sector ??= _sectors.FirstOrDefault()?.Name;
        _waves = _sectors.FirstOrDefault(s => s.Name == _sector)?.Waves ?? [];
        _wave ??= _waves.LastOrDefault();
    }

    private Task EditAsync(Theme theme)
    {
        (_editing, _done, _refused) = (theme.Key, null, null);
        _draft = new Draft
        {
            Key = theme.Key, NameNl = theme.NameNl, NameEn = theme.NameEn, Factor = theme.Factor?.Key() ?? "",
            RulesNl = string.Join(", ", theme.RulesNl), RulesEn = string.Join(", ", theme.RulesEn),
        };
        return PreviewAsync(CancellationToken.None);
    }

    private Task AddAsync()
    {
        (_editing, _done, _refused, _draft, _preview) = (null, null, null, new Draft(), null);
        return Task.CompletedTask;
    }

    /// <summary>Rules typed: the preview follows once typing pauses (each keystroke cancels the one before).</summary>
    private async Task RulesChanged(ChangeEventArgs e, bool nl)
    {
        if (_draft is null) return;
        if (nl) _draft.RulesNl = e.Value as string ?? ""; else _draft.RulesEn = e.Value as string ?? "";
        _typing?.Cancel();
        _typing = new CancellationTokenSource();
        var typing = _typing.Token;
        try
        {
            await Task.Delay(250, typing);
            await PreviewAsync(typing);
        }
        catch (OperationCanceledException) when (typing.IsCancellationRequested)
        {
        }
    }

    private async Task SectorChosenAsync(ChangeEventArgs e)
    {
        _sector = e.Value as string;
        _waves = _sectors.FirstOrDefault(s => s.Name == _sector)?.Waves ?? [];
        _wave = _waves.LastOrDefault();
        await PreviewAsync(CancellationToken.None);
    }

    private Task WaveChosenAsync(ChangeEventArgs e)
    {
        _wave = e.Value as string;
        return PreviewAsync(CancellationToken.None);
    }

    private async Task PreviewAsync(CancellationToken ct)
    {
        if (_draft is null || _sector is null || _wave is null) return;
        try
        {
            _preview = await Queries.PreviewThemeAsync(_sector, _wave, Draft.Split(_draft.RulesNl), Draft.Split(_draft.RulesEn), ct);
        }
        catch (NotFoundException e)
        {
            // The sector or wave went away (a merge, an undo) while the page was open.
            (_preview, _refused) = (null, Texts.Sentence(e.Sentence));
        }
    }

    /// <summary>The frame with the edited theme in its place (or added at the end), checked whole and saved, or refused in a sentence with nothing changed.</summary>
    private Task SaveAsync() => ChangeAsync(themes =>
    {
        var edited = _draft!.ToTheme();
        return _editing is null ? [.. themes, edited] : [.. themes.Select(t => t.Key == _editing ? edited : t)];
    }, (version, frame) => Texts.Format("FrameEditor.Saved", version, frame.Themes.Count));

    private async Task RemoveAsync()
    {
        var name = _frame!.Frame.Themes.First(t => t.Key == _editing).Name(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        if (await Dialogs.ShowMessageBoxAsync(Texts.Get("FrameEditor.Remove"), Texts.Format("FrameEditor.RemoveText", name),
                yesText: Texts.Get("FrameEditor.Remove"), cancelText: Texts.Get("Dialog.Cancel")) != true) return;
        var key = _editing;
        await ChangeAsync(themes => [.. themes.Where(t => t.Key != key)], (version, _) => Texts.Format("FrameEditor.Removed", name, version));
    }

    private async Task ChangeAsync(Func<IReadOnlyList<ThemeDraft>, IReadOnlyList<ThemeDraft>> change, Func<long, CodingFrame, string> done)
    {
        _busy = true;
        (_done, _refused) = (null, null);
        try
        {
            // Against the frame as stored now, not as the page first read it: another data manager may have saved since.
            var current = await Frames.CurrentAsync();
            var frame = FrameFile.Build(change([.. current.Frame.Themes.Select(ThemeDraft.Of)]));
            var version = await Frames.SaveAsync(frame, await UserNameAsync());
            _done = done(version, frame);
            (_draft, _editing, _preview) = (null, null, null);
            _frame = await Frames.CurrentAsync();
        }
        catch (FrameRefusedException e)
        {
            _refused = Texts.Sentence(e.Sentence);
        }
        finally
        {
            _busy = false;
        }
    }
}
