using System.ComponentModel;
using CxPlus.Data.League;
using CxPlus.Scoring;

namespace CxPlus.Reports;

/// <summary>A page of a sector's comments in a wave as the read API gives it.</summary>
[Description("What customers and prospects wrote (issue 29), their personal data replaced before it was stored (methodology step 28); newest import first, 20 to a page.")]
public sealed record CommentsDocument(
    string Sector,
    string Wave,
    [property: Description("How many comments match the filters in all.")] long Total,
    [property: Description("This page, from 1.")] int Page,
    [property: Description("How many pages there are (at least 1).")] int Pages,
    [property: Description("Comments on a full page.")] int PageSize,
    IReadOnlyList<CommentDocument> Comments)
{
    public static CommentsDocument From(CommentPage page) => new(page.Sector, page.Wave, page.Total, page.Page, page.Pages, CommentFilter.PageSize,
        [.. page.Comments.Select(c => new CommentDocument(c.Brand, c.Role.Key(), c.Language, c.Tone?.ToString().ToLowerInvariant(), c.Text,
            [.. c.Parts.Where(p => p.Matched).Select(p => p.Text).Distinct()]))]);
}

/// <summary>One comment.</summary>
public sealed record CommentDocument(
    string Brand,
    [property: Description("customer or prospect.")] string Role,
    [property: Description("nl or en: the dictionary search reads it with.")] string Language,
    [property: Description("Step 30: promoter (NPS 9-10), passive (7-8) or detractor (0-6); null without an NPS answer.")] string? Tone,
    [property: Description("The comment as stored: personal data replaced by placeholders such as [telefoon] or [e-mail].")] string Text,
    [property: Description("The words of the text the search matched, else those the theme filter matched (empty without either).")] IReadOnlyList<string> Matched);
