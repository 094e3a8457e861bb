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
            t.HasCheckConstraint("ck_responses_weight", "weight > 0 AND weight < 'Infinity'::float8");
            t.HasCheckConstraint("ck_responses_role", "role IN (0, 1)");
        });
        // The natural key is the only index: the contract makes respondent_id unique per
        // (wave, brand), and every query (league from raw rows, replace, undo) starts from a
        // wave and a brand. A surrogate id would cost a second index on every COPY.
        b.HasKey(x => new { x.WaveId, x.BrandId, x.RespondentId });
        // Respondent ids are identifiers: byte order, not the database's linguistic collation.
        b.Property(x => x.RespondentId).HasMaxLength(Limits.RespondentIdLength).UseCollation("C");
        b.Property(x => x.Role).HasConversion<short>();
        // No foreign keys: a row-level RI trigger per response costs more than the COPY itself
        // (measured: 3 FKs took 60 % of the import). The importer is the only writer of this
        // table and resolves every id under the import lock; see ADR 0003.
        // No index on import_id: measured at 1.2 s per million imported rows, for queries (undo an
        // import) that are rare and can go through the import's (wave, brand) pairs instead.
    }
}
