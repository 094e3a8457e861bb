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
