using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Complaints;

/// <summary>
/// A store's grievance and complaint category (4.4). The defaults are the codes of <see cref="ProblemCategories"/>
/// (shown through the "ProblemCategory.{code}" resources, so both languages come with them); an Admin adds the
/// store's own with a name in each language, and retires rather than deletes one in use.
/// </summary>
public sealed class ComplaintCategory
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 50;

    private ComplaintCategory()
    {
        Code = string.Empty;
    }

    public ComplaintCategory(int storeId, string code, string? nameEn, string? nameZh, int position)
    {
        var value = code?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > CodeMaxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new DomainException("ComplaintCategory.CodeInvalid", nameof(Code), CodeMaxLength);
        }

        var isDefault = ProblemCategories.Defaults.Contains(value, StringComparer.Ordinal);
        StoreId = storeId;
        Code = value;
        NameEn = isDefault ? Text.Optional(nameEn, NameMaxLength, nameof(NameEn))
            : Text.Required(nameEn, NameMaxLength, nameof(NameEn));
        NameZh = isDefault ? Text.Optional(nameZh, NameMaxLength, nameof(NameZh))
            : Text.Required(nameZh, NameMaxLength, nameof(NameZh));
        Position = position;
        Active = true;
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public string Code { get; private set; }

    /// <summary>Null for a default category (its name comes from the resources).</summary>
    public string? NameEn { get; private set; }

    public string? NameZh { get; private set; }

    public int Position { get; private set; }

    public bool Active { get; private set; }

    public bool IsDefault => NameEn is null;

    public void Retire() => Active = false;

    public void Restore() => Active = true;

    public static IEnumerable<ComplaintCategory> DefaultsFor(int storeId) =>
        ProblemCategories.Defaults.Select((code, i) => new ComplaintCategory(storeId, code, null, null, i + 1));
}
