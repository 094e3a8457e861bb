using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> b)
    {
        b.ToTable("imports");
        b.Property(x => x.FileName).HasMaxLength(500);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.ImportedBy).HasMaxLength(200);
        b.Property(x => x.UndoneBy).HasMaxLength(200);
        // The same bytes are refused while an import of them stands; after an undo they may come again.
        b.HasIndex(x => x.Sha256).IsUnique().HasFilter("undone_at IS NULL");
    }
}
