using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class WaveConfiguration : IEntityTypeConfiguration<Wave>
{
    public void Configure(EntityTypeBuilder<Wave> b)
    {
        b.ToTable("waves");
        b.Property(x => x.Code).HasMaxLength(Limits.WaveCodeLength);
        b.Property(x => x.CodeKey).HasMaxLength(Limits.WaveCodeLength * 2).UseCollation("C");
        b.HasIndex(x => x.CodeKey).IsUnique();
    }
}
