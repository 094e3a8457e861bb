using CxPlus.Data.Importing;
using CxPlus.Reports.Localization;
using CxPlus.Scoring.Comments;

namespace CxPlus.Reports;

/// <summary>What step 28 did to a file's comments, in the reader's words.</summary>
public static class CommentReading
{
    /// <summary>"1 e-mail address", "3 phone numbers": a count of one kind of personal data.</summary>
    public static string Kind(PersonalData kind, int count) =>
        Texts.Format($"Redaction.{kind}.{(count == 1 ? "One" : "Other")}", Display.Whole(count));

    /// <summary>"12 comments; removed before anything was stored: 2 e-mail addresses and 1 phone number." (or that none was found).</summary>
    public static string Summary(CommentSummary comments) => comments.Removed.Count == 0
        ? Texts.Format("Comments.NoneRemoved", Display.Whole(comments.Comments))
        : Texts.Format("Comments.Removed", Display.Whole(comments.Comments), LeagueReading.List([.. comments.Removed.Select(r => Kind(r.Key, r.Value))]));
}
