using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class StoreKeyConfiguration : IEntityTypeConfiguration<StoreKey>
{
    public void Configure(EntityTypeBuilder<StoreKey> b)
    {
        b.ToTable("store_keys");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(64);
    }
}
