using CxPlus.Data.Importing;
using CxPlus.Data.League;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CxPlus.Web.Features.Imports;

/// <summary>The code of the check of an upload: the import rolled back, then committed or discarded; its markup is PendingPage.razor.</summary>
public partial class PendingPage
{
    [Parameter] public Guid Id { get; set; }

    [Inject] private IOptions<RequestLocalizationOptions> Localization { get; set; } = null!;

    /// <summary>The installation's language: that of a comment whose words do not tell (step 28), whoever imports it.</summary>
    private string Language => Localization.Value.DefaultRequestCulture.UICulture.TwoLetterISOLanguageName;

    private PendingUpload? _upload;
    private ImportResult? _result;
    private bool _committing;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var user = await UserNameAsync();
        _upload = await Uploads.FindAsync(Id, user, ct)
            ?? throw new NotFoundException(new("NotFound.Upload"));
        // The whole import, rolled back: exactly the checks a commit makes.
        _result = await Importer.ImportAsync(Uploads.PathOf(Id), new ImportOptions(_upload.FileName, user, _upload.Replace, Preview: true, Language), ct);
        // A refused file can never be imported as it is: it is no pending check, and the answers
        // of its respondents leave the server now rather than in a day. The problems stay on this page.
        if (!_result.Succeeded) Uploads.Delete(Id);
    }

    private async Task CommitAsync()
    {
        _committing = true;
        try
        {
            var result = await Importer.ImportAsync(Uploads.PathOf(Id), new ImportOptions(_upload!.FileName, await UserNameAsync(), _upload.Replace, Language: Language));
            if (result.Summary is { } s)
            {
                Uploads.Delete(Id);
                Navigation.NavigateTo($"/data/imports?imported={s.ImportId}");
                return;
            }
            _result = result; // the store changed since the check: show why now
        }
        finally
        {
            _committing = false;
        }
    }

    private void Discard()
    {
        Uploads.Delete(Id);
        Navigation.NavigateTo("/data/imports");
    }
}
