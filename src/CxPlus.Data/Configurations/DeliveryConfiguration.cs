using CxPlus.Data.Accounts;
using CxPlus.Data.Model;
using CxPlus.Data.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions");
        b.HasKey(x => x.UserId);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Report).HasMaxLength(8);
        b.Property(x => x.Language).HasMaxLength(8);
        b.Property(x => x.AlertKinds).HasDefaultValueSql("'{}'");
    }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox");
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
        // One message per person and release, however often the release is asked for.
        b.HasIndex(x => new { x.UserId, x.SectorId, x.WaveId, x.ReleasedAt }).IsUnique();
        // One weekly digest per person and week, however often (and on whichever instance) the schedule fires.
        b.HasIndex(x => new { x.UserId, x.ReleasedAt }, "ix_outbox_digest").IsUnique().HasFilter("sector_id IS NULL");
        // The sender's claim: the messages still due, in order.
        b.HasIndex(x => x.NextAttemptAt).HasFilter("sent_at IS NULL AND failed_at IS NULL");
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.Language).HasMaxLength(8);
        b.Property(x => x.Report).HasMaxLength(8);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.AlertKinds).HasDefaultValueSql("'{}'");
    }
}
