using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class RoleRollupConfiguration : IEntityTypeConfiguration<RoleRollup>
{
    public void Configure(EntityTypeBuilder<RoleRollup> b)
    {
        b.ToTable("role_rollups");
        // Wave first: a league table reads all brands of one or two waves.
        b.HasKey(x => new { x.WaveId, x.BrandId, x.Role });
        b.Property(x => x.Role).HasConversion<short>();
        b.HasIndex(x => x.BrandId); // a brand's trend reads its rollups across waves
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SegmentRollupConfiguration : IEntityTypeConfiguration<SegmentRollup>
{
    public void Configure(EntityTypeBuilder<SegmentRollup> b)
    {
        b.ToTable("segment_rollups");
        // A segment table reads every brand of one category in one or two waves.
        b.HasKey(x => new { x.WaveId, x.Segment, x.Category, x.BrandId, x.Role });
        b.Property(x => x.Role).HasConversion<short>();
        b.Property(x => x.Segment).HasMaxLength(Limits.NameLength);
        b.Property(x => x.Category).HasMaxLength(Limits.NameLength);
        b.HasIndex(x => new { x.BrandId, x.WaveId }); // a brand's segments (step 27), a merge, a replace
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
    }
}
