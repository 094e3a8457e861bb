using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class FrozenDriversConfiguration : IEntityTypeConfiguration<FrozenDrivers>
{
    public void Configure(EntityTypeBuilder<FrozenDrivers> b)
    {
        b.ToTable("frozen_drivers");
        b.HasKey(x => new { x.WaveId, x.SectorId, x.BrandId, x.Lens });
        b.Property(x => x.Lens).HasMaxLength(8);
        // json, not jsonb: the text is kept as written, so every double reads back to its last bit.
        b.Property(x => x.Result).HasColumnType("json");
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Restrict);
    }
}
