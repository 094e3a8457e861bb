using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class DriverGroupConfiguration : IEntityTypeConfiguration<DriverGroupSums>
{
    public void Configure(EntityTypeBuilder<DriverGroupSums> b)
    {
        b.ToTable("driver_groups");
        // A brand's drivers read its groups in one wave; a sector's, all its brands' in one wave.
        b.HasKey(x => new { x.WaveId, x.BrandId, x.Grp });
        b.HasIndex(x => x.BrandId);
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
    }
}
