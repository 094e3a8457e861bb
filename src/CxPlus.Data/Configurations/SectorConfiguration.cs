using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> b)
    {
        b.ToTable("sectors");
        b.Property(s => s.Name).HasMaxLength(Limits.NameLength);
        // One rule for names (Names.Key): the index holds the key the importer and every lookup
        // compute, so two spellings of one name can never be two sectors.
        b.Property(s => s.NameKey).HasMaxLength(Limits.NameLength * 2).UseCollation("C");
        b.HasIndex(s => s.NameKey).IsUnique();
    }
}
