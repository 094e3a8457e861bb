using CxPlus.Data.Clients;
using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("organisations");
        b.Property(x => x.Name).HasMaxLength(Limits.NameLength);
        b.Property(x => x.NameKey).HasMaxLength(Limits.NameLength * 2).UseCollation("C");
        b.HasIndex(x => x.NameKey).IsUnique();
    }
}

public sealed class OrganisationBrandConfiguration : IEntityTypeConfiguration<OrganisationBrand>
{
    public void Configure(EntityTypeBuilder<OrganisationBrand> b)
    {
        b.ToTable("organisation_brands");
        b.HasKey(x => new { x.OrganisationId, x.BrandId });
        // Looked up by brand when a merge carries grants over, and by the row-level policies.
        b.HasIndex(x => x.BrandId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PublishedTableConfiguration : IEntityTypeConfiguration<PublishedTable>
{
    public void Configure(EntityTypeBuilder<PublishedTable> b)
    {
        b.ToTable("published_tables");
        // One published table per sector, wave and segment view (step 26; empty keys: the whole brands').
        b.HasKey(x => new { x.SectorId, x.WaveId, x.SegmentKey, x.CategoryKey });
        b.Property(x => x.SegmentKey).HasDefaultValue("");
        b.Property(x => x.CategoryKey).HasDefaultValue("");
        b.Property(x => x.Body).HasColumnType("jsonb");
        b.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
    }
}
