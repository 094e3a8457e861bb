using CxPlus.Data.Comments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CxPlus.Data.Configurations;

public sealed class CodingFrameConfiguration : IEntityTypeConfiguration<StoredFrame>
{
    public void Configure(EntityTypeBuilder<StoredFrame> b)
    {
        // One frame per benchmark (issue 29, step 29): a single row, checked.
        b.ToTable("coding_frames", t => t.HasCheckConstraint("ck_coding_frames_one", "id = 1"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Body).HasColumnType("jsonb");
        b.Property(x => x.ChangedBy).HasMaxLength(256);
    }
}
