using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> b)
    {
        b.ToTable("brands");
        b.Property(x => x.Name).HasMaxLength(Limits.NameLength);
        b.HasOne(x => x.Sector).WithMany(s => s.Brands).HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.NameKey).HasMaxLength(Limits.NameLength * 2).UseCollation("C");
        b.HasIndex(x => new { x.SectorId, x.NameKey }).IsUnique();
    }
}
