using CxPlus.Data;
using CxPlus.Data.Curation;
using CxPlus.Data.League;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using Microsoft.AspNetCore.Components;

namespace CxPlus.Web.Features.Imports;

/// <summary>The code of the names page: renames and merges of sectors and brands; its markup is NamesPage.razor.</summary>
public partial class NamesPage
{
    [SupplyParameterFromQuery(Name = "sector")] public string? Sector { get; set; }

    private IReadOnlyList<SectorInfo> _sectors = [];
    private IReadOnlyList<string> _brands = [];
    private string? _sector, _brand, _brandName, _mergeFrom, _mergeInto, _sectorName, _sectorInto, _done, _refused;
    private bool _busy;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        _sectors = await Queries.SectorsAsync(ct);
        _sector = _sectors.FirstOrDefault(s => Names.Same(s.Name, Sector ?? ""))?.Name ?? _sectors.FirstOrDefault()?.Name;
        _brands = _sector is null ? [] : await Queries.BrandsAsync(_sector, ct);
    }

    private Task SectorChosenAsync(ChangeEventArgs e) => e.Value is string sector && sector.Length > 0 ? SelectSectorAsync(sector) : Task.CompletedTask;

    private async Task SelectSectorAsync(string sector)
    {
        _sector = sector;
        (_brand, _brandName, _mergeFrom, _mergeInto, _sectorName, _sectorInto) = (null, null, null, null, null, null);
        _brands = await Queries.BrandsAsync(sector);
    }

    private Task RenameBrandAsync() => ChangeAsync(by => Changes.RenameBrandAsync(_sector!, _brand!, _brandName!, by), Texts.Format("Names.RenamedBrand", _brand, _brandName?.Trim()));

    private Task RenameSectorAsync() => ChangeAsync(by => Changes.RenameSectorAsync(_sector!, _sectorName!, by), Texts.Format("Names.RenamedSector", _sector, _sectorName?.Trim()), _sectorName?.Trim());

    private async Task MergeBrandAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(Texts.Get("Names.MergeBrandsTitle"), Texts.Format("Names.MergeBrandsText", _mergeFrom, _mergeInto),
                yesText: Texts.Get("Names.Merge"), cancelText: Texts.Get("Dialog.Cancel")) != true) return;
        await ChangeAsync(async by => await Changes.MergeBrandAsync(_sector!, _mergeFrom!, _mergeInto!, by), Texts.Format("Names.MergedBrand", _mergeFrom, _mergeInto));
    }

    private async Task MergeSectorAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(Texts.Get("Names.MergeSectorsTitle"), Texts.Format("Names.MergeSectorsText", _sector, _sectorInto),
                yesText: Texts.Get("Names.Merge"), cancelText: Texts.Get("Dialog.Cancel")) != true) return;
        await ChangeAsync(async by => await Changes.MergeSectorAsync(_sector!, _sectorInto!, by), Texts.Format("Names.MergedSector", _sector, _sectorInto), _sectorInto);
    }

    private async Task ChangeAsync(Func<string, Task> change, string done, string? showSector = null)
    {
        _busy = true;
        (_done, _refused) = (null, null);
        try
        {
            await change(await UserNameAsync());
            _done = done;
            _sectors = await Queries.SectorsAsync();
            await SelectSectorAsync(showSector ?? _sector!);
        }
        catch (SentenceException e) when (e is NameChangeRefusedException or NotFoundException)
        {
            _refused = Texts.Sentence(e.Sentence);
        }
        finally
        {
            _busy = false;
        }
    }
}
