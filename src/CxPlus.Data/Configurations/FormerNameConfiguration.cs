using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

// A former name goes with what it names: removing a sector or brand (an undo that empties it)
// removes its former names, and an old link then answers "not found" like any unknown name.
public sealed class SectorFormerNameConfiguration : IEntityTypeConfiguration<SectorFormerName>
{
    public void Configure(EntityTypeBuilder<SectorFormerName> b)
    {
        b.ToTable("sector_former_names");
        b.HasKey(x => x.NameKey);
        b.Property(x => x.NameKey).HasMaxLength(Limits.NameLength * 2).UseCollation("C");
        b.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.SectorId);
    }
}

public sealed class BrandFormerNameConfiguration : IEntityTypeConfiguration<BrandFormerName>
{
    public void Configure(EntityTypeBuilder<BrandFormerName> b)
    {
        b.ToTable("brand_former_names");
        b.HasKey(x => new { x.SectorId, x.NameKey });
        b.Property(x => x.NameKey).HasMaxLength(Limits.NameLength * 2).UseCollation("C");
        b.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.BrandId);
    }
}
