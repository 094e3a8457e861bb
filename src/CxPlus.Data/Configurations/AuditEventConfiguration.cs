using CxPlus.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.Property(x => x.Actor).HasMaxLength(256);
        b.Property(x => x.Action).HasMaxLength(50);
        b.Property(x => x.Target).HasMaxLength(1000);
        b.Property(x => x.Outcome).HasMaxLength(500);
        // The audit page lists the newest first, filtered by person and action.
        b.HasIndex(x => x.At).IsDescending();
        b.HasIndex(x => new { x.Actor, x.At });
    }
}

public sealed class StoreStateConfiguration : IEntityTypeConfiguration<StoreState>
{
    public void Configure(EntityTypeBuilder<StoreState> b)
    {
        b.ToTable("store_state", t => t.HasCheckConstraint("ck_store_state_single_row", "id = 1"));
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasData(new StoreState { Id = 1, Generation = 1, RollupLayout = 0 });
    }
}
