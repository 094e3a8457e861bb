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
        // Lookups (CLI, URLs, files) match names case-insensitively and reuse the stored spelling;
        // imports are serialised, so the exact unique index is enough to keep one spelling.
        b.HasIndex(s => s.Name).IsUnique();
    }
}
