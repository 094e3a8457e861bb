using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> b)
    {
        b.ToTable("responses", t =>
        {
            // SurveyWeights: 0.0001..10000 (data-format.md); the importer says so with the line first.
            t.HasCheckConstraint("ck_responses_weight", "weight >= 0.0001 AND weight <= 10000");
            t.HasCheckConstraint("ck_responses_role", "role IN (0, 1)");
        });
        // No primary key, by measurement (ADR 0006): a btree maintained row by row doubled the
        // COPY of a million rows. The contract's key, respondent_id unique per (wave, brand), is
        // enforced by the importer, the only writer, under the import lock.
        b.HasNoKey();
        // Rows arrive in imports, grouped by wave and brand, and are appended: a block-range index
        // finds a (wave, brand) or an import's rows from a few page ranges, at almost no cost per
        // row (measured: a sector's wave in 11 ms instead of a 100 ms scan of a million rows).
        b.HasIndex(x => new { x.WaveId, x.BrandId, x.ImportId }, "ix_responses_wave_brand_import")
            .HasMethod("brin")
            .HasStorageParameter("autosummarize", true);
        // Respondent ids are identifiers: byte order, not the database's linguistic collation.
        b.Property(x => x.RespondentId).HasMaxLength(Limits.RespondentIdLength).UseCollation("C");
        b.Property(x => x.Role).HasConversion<short>();
        // json, not jsonb: stored as the importer wrote it. PostgreSQL's parse of every row into jsonb
        // cost the import of a million rows with four segments 0.8 s (docs/performance.md); the store
        // reads a row's category by ->> and json_each_text only where it reads raw rows.
        b.Property(x => x.Segments).HasColumnType("json");
        // No foreign keys: a row-level RI trigger per response costs more than the COPY itself
        // (measured: 3 FKs took 60 % of the import). The importer is the only writer of this
        // table and resolves every id under the import lock; see ADR 0003.
    }
}

public sealed class StoredCommentConfiguration : IEntityTypeConfiguration<StoredComment>
{
    public void Configure(EntityTypeBuilder<StoredComment> b)
    {
        b.ToTable("comments", t => t.HasCheckConstraint("ck_comments_language", "language IN ('nl', 'en')"));
        // Like responses: appended by the importer, its only writer, in import order; no key, no foreign keys (ADR 0003, 0006).
        b.HasNoKey();
        // A wave's (and a brand's, an import's) comments from a few page ranges, for lists, themes, undo and merge.
        b.HasIndex(x => new { x.WaveId, x.BrandId, x.ImportId }, "ix_comments_wave_brand_import")
            .HasMethod("brin")
            .HasStorageParameter("autosummarize", true);
        // The search: one GIN index over the wave and the words (btree_gin), so a search in one wave
        // intersects the two inside the index instead of reading every match of every wave. Only
        // comments made searchable are in it: the COPY of an import adds nothing to it (ADR 0012).
        b.HasIndex(x => new { x.WaveId, x.Search }, "ix_comments_search").HasMethod("gin").HasFilter("search IS NOT NULL");
        b.Property(x => x.Role).HasConversion<short>();
        b.Property(x => x.Segments).HasColumnType("json"); // as on the response
        b.Property(x => x.Language).HasMaxLength(2);
    }
}
