using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Stores;

/// <summary>Settings that hold for the whole dealer group: its name and what new stores start with.</summary>
public sealed class DealerGroup
{
    public const int SingletonId = 1;
    public const int NameMaxLength = 100;

    private DealerGroup()
    {
        Name = string.Empty;
        DefaultTimeZoneId = Store.DefaultTimeZoneId;
    }

    public DealerGroup(string name)
        : this()
    {
        Id = SingletonId;
        Rename(name);
        AuditRetentionMonths = 36;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string DefaultTimeZoneId { get; private set; }

    /// <summary>How long audit entries are kept. Chinese law asks for at least six months of logs.</summary>
    public int AuditRetentionMonths { get; private set; }

    public uint Version { get; private set; }

    public void Rename(string? name) =>
        Name = Guard.RequiredText(name, NameMaxLength, nameof(Name), "Group.NameRequired", "Validation.MaxLength");

    public void ChangeAuditRetention(int months)
    {
        if (months is < 6 or > 120)
        {
            throw new DomainException("Group.AuditRetentionRange", nameof(AuditRetentionMonths), 6, 120);
        }

        AuditRetentionMonths = months;
    }
}
