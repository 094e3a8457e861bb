using CxPlus.Data;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Reports.Localization;
using Microsoft.AspNetCore.Components;

namespace CxPlus.Web.Features.Imports;

/// <summary>The code of the imports page: uploads waiting for a decision, the history with undo, retention and erasure; its markup is ImportsPage.razor.</summary>
public partial class ImportsPage
{
    [SupplyParameterFromQuery(Name = "upload")] public string? Upload { get; set; }
    [SupplyParameterFromQuery(Name = "imported")] public long? Imported { get; set; }

    private IReadOnlyList<ImportRecord> _history = [];
    private IReadOnlyList<PendingUpload> _pending = [];
    private IReadOnlyList<(string Wave, DateTimeOffset RetainedAt)> _retained = [];
    private string? _undone, _undoRefused;
    private string _eraseWave = "", _eraseBrand = "", _eraseSector = "", _eraseId = "";
    private string? _erased, _eraseRefused;
    private bool _busy;

    private string? UploadProblem => Upload switch
    {
        null => null,
        "too-large" => Texts.Format("Imports.TooLarge", PendingUploads.MaxBytesText),
        "empty" => Texts.Get("Imports.EmptyUpload"),
        "expired" => Texts.Get("Imports.Expired"),
        _ => Texts.Get("Imports.NotAFile"),
    };

    protected override async Task LoadAsync(CancellationToken ct)
    {
        _history = await History.ListAsync(ct);
        _pending = await Uploads.ListAsync(await UserNameAsync(), ct);
        _retained = await Retention.RetainedAsync(ct);
    }

    private static string State(ImportRecord i) =>
        i.UndoneAt is { } u ? Texts.Format("Imports.Undone", Display.DateTime(u), i.UndoneBy)
        : i.RetainedAt is { } r ? Texts.Format("Imports.InUseRetained", Display.Date(r))
        : Texts.Get("Imports.InUse");

    private async Task UndoAsync(ImportRecord import)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(Texts.Format("Imports.UndoTitle", import.Id),
            Texts.Format("Imports.UndoText", Display.Whole(import.CustomerRows + import.ProspectRows), import.FileName),
            yesText: Texts.Get("Imports.UndoYes"), cancelText: Texts.Get("Dialog.Cancel"));
        if (confirmed != true) return;
        _busy = true;
        (_undone, _undoRefused) = (null, null);
        try
        {
            var user = await UserNameAsync();
            var rows = await History.UndoAsync(import.Id, user);
            _undone = Texts.Format("Imports.UndoDone", import.Id, import.FileName, Display.Whole(rows));
        }
        catch (SentenceException e) when (e is UndoRefusedException or NotFoundException)
        {
            _undoRefused = Texts.Sentence(e.Sentence);
        }
        finally
        {
            _busy = false;
        }
        _history = await History.ListAsync();
    }

    private async Task EraseAsync()
    {
        (_erased, _eraseRefused) = (null, null);
        if (string.IsNullOrWhiteSpace(_eraseWave) || string.IsNullOrWhiteSpace(_eraseBrand) || string.IsNullOrWhiteSpace(_eraseId))
        {
            _eraseRefused = Texts.Get("Imports.EraseMissing");
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync(Texts.Get("Imports.EraseTitle"),
            Texts.Format("Imports.EraseText", _eraseBrand.Trim(), _eraseWave.Trim()),
            yesText: Texts.Get("Imports.EraseButton"), cancelText: Texts.Get("Dialog.Cancel"));
        if (confirmed != true) return;
        _busy = true;
        try
        {
            var result = await Erasure.EraseAsync(_eraseWave, string.IsNullOrWhiteSpace(_eraseSector) ? null : _eraseSector, _eraseBrand, _eraseId, await UserNameAsync());
            _erased = Texts.Format(result.Rows == 1 ? "Imports.ErasedOne" : "Imports.Erased", result.Brand, result.Sector, result.Wave, Display.Whole(result.Rows));
            _eraseId = ""; // the id is not kept on the page either
        }
        catch (NotFoundException e)
        {
            _eraseRefused = Texts.Sentence(e.Sentence);
        }
        finally
        {
            _busy = false;
        }
    }
}
