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
        b.Property(x => x.RespondentId).HasMaxLength(Limits.RespondentIdLength);
        b.Property(x => x.Role).HasConversion<short>();
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Import>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ImportId);
    }
}
