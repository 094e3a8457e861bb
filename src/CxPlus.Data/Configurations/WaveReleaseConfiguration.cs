using CxPlus.Data.Model;
using CxPlus.Data.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class WaveReleaseConfiguration : IEntityTypeConfiguration<WaveRelease>
{
    public void Configure(EntityTypeBuilder<WaveRelease> b)
    {
        b.ToTable("wave_releases");
        b.HasKey(x => new { x.SectorId, x.WaveId });
        // A sector or wave removed takes its release with it (a merged sector's are carried over first).
        b.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.WaveId);
        b.Property(x => x.ReleasedBy).HasMaxLength(256);
    }
}
