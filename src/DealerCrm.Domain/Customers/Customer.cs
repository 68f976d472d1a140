using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Customers;

public enum CustomerKind
{
    Person = 0,
    Company = 1,
}

public enum Gender
{
    Unknown = 0,
    Male = 1,
    Female = 2,
}

/// <summary>
/// One person or company per store (spec 1.2), identified within the store by mobile number. The fixed
/// information is kept by staff; the changing information (spend, loyalty, tier) by the system.
/// </summary>
public sealed class Customer
{
    public const int NameMaxLength = 50;
    public const int PhoneMaxLength = 30;
    public const int ShortTextMaxLength = 50;
    public const int AddressMaxLength = 200;
    public const int ReasonMaxLength = 200;

    private Customer()
    {
        Name = string.Empty;
    }

    public Customer(int storeId, string? name, Gender gender, string? mobile, DateTimeOffset now)
        : this()
    {
        StoreId = storeId;
        Name = Text.Required(name, NameMaxLength, nameof(Name), "Customer.NameRequired");
        Gender = gender;
        Mobile = mobile is null ? null : ChineseMobile.Normalize(mobile, nameof(Mobile));
        CreatedAt = now;
        UpdatedAt = now;
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public CustomerKind Kind { get; private set; }

    public string Name { get; private set; }

    public Gender Gender { get; private set; }

    /// <summary>Normalized 11-digit mobile; unique within the store.</summary>
    public string? Mobile { get; private set; }

    public string? HomePhone { get; private set; }

    public string? OfficePhone { get; private set; }

    public string? Email { get; private set; }

    /// <summary>The resident ID number, encrypted (authenticated encryption) by the web layer. Never shown.</summary>
    public string? IdNumberProtected { get; private set; }

    /// <summary>What everyone sees: 110***********123X.</summary>
    public string? IdNumberMasked { get; private set; }

    public string? Occupation { get; private set; }

    public string? Industry { get; private set; }

    public string? Employer { get; private set; }

    public DateOnly? Birthday { get; private set; }

    public string? HomeAddress { get; private set; }

    public string? HomePostcode { get; private set; }

    public string? WorkAddress { get; private set; }

    public string? WorkPostcode { get; private set; }

    public string? Region { get; private set; }

    public bool IsVip { get; private set; }

    public bool IsKeyAccount { get; private set; }

    public bool IsBlacklisted { get; private set; }

    public string? BlacklistReason { get; private set; }

    public bool MarketingConsent { get; private set; }

    public DateTimeOffset? MarketingConsentChangedAt { get; private set; }

    public bool CallbackConsent { get; private set; }

    public DateTimeOffset? CallbackConsentChangedAt { get; private set; }

    public string? PreferredContactTime { get; private set; }

    public string? PreferredContactNumber { get; private set; }

    public decimal CumulativeSpend { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>
    /// The fixed information (稳态). Every field is validated; nothing changes unless all are valid. A customer with a
    /// lead card keeps a mobile (spec 1.2: required for a card; it is what makes the card the only one for the number).
    /// </summary>
    public void UpdateFixedInformation(FixedInformation info, DateTimeOffset now, bool hasLeadCard = false)
    {
        var name = Text.Required(info.Name, NameMaxLength, nameof(Name), "Customer.NameRequired");
        var mobile = NormalizeMobile(info.Mobile, hasLeadCard);
        var home = Text.Optional(info.HomePhone, PhoneMaxLength, nameof(HomePhone));
        var office = Text.Optional(info.OfficePhone, PhoneMaxLength, nameof(OfficePhone));
        var email = EmailAddress.NormalizeOptional(info.Email, nameof(Email));
        var occupation = Text.Optional(info.Occupation, ShortTextMaxLength, nameof(Occupation));
        var industry = Text.Optional(info.Industry, ShortTextMaxLength, nameof(Industry));
        var employer = Text.Optional(info.Employer, NameMaxLength * 2, nameof(Employer));
        var homeAddress = Text.Optional(info.HomeAddress, AddressMaxLength, nameof(HomeAddress));
        var homePostcode = Postcode.NormalizeOptional(info.HomePostcode, nameof(HomePostcode));
        var workAddress = Text.Optional(info.WorkAddress, AddressMaxLength, nameof(WorkAddress));
        var workPostcode = Postcode.NormalizeOptional(info.WorkPostcode, nameof(WorkPostcode));
        var region = Text.Optional(info.Region, ShortTextMaxLength, nameof(Region));
        if (info.Birthday is { } birthday && (birthday.Year < 1900 || birthday > DateOnly.FromDateTime(now.UtcDateTime)))
        {
            throw new DomainException("Customer.BirthdayInvalid", nameof(Birthday));
        }

        Kind = info.Kind;
        Name = name;
        Gender = info.Gender;
        Mobile = mobile;
        HomePhone = home;
        OfficePhone = office;
        Email = email;
        Occupation = occupation;
        Industry = industry;
        Employer = employer;
        Birthday = info.Birthday;
        HomeAddress = homeAddress;
        HomePostcode = homePostcode;
        WorkAddress = workAddress;
        WorkPostcode = workPostcode;
        Region = region;
        UpdatedAt = now;
    }

    /// <summary>The mobile as stored: normalized, or null when left empty, which a customer with a lead card may not be.</summary>
    public static string? NormalizeMobile(string? input, bool hasLeadCard)
    {
        if (!string.IsNullOrWhiteSpace(input))
        {
            return ChineseMobile.Normalize(input, nameof(Mobile));
        }

        return hasLeadCard ? throw new DomainException("Customer.MobileRequiredForCard", nameof(Mobile)) : null;
    }

    /// <summary>
    /// Records the ID number. The caller has normalized it (<see cref="ResidentIdNumber.Normalize"/>) and encrypted
    /// it; the domain keeps only the cipher text and the mask.
    /// </summary>
    public void RecordIdNumber(string normalized, Func<string, string> protect, DateTimeOffset now)
    {
        IdNumberProtected = protect(normalized);
        IdNumberMasked = ResidentIdNumber.Mask(normalized);
        Birthday ??= ResidentIdNumber.BirthDate(normalized);
        UpdatedAt = now;
    }

    /// <summary>Cumulative spend grows with every delivery's price and every paid service visit (spec 5.4).</summary>
    public void AddSpend(decimal amount, DateTimeOffset now)
    {
        if (amount < 0)
        {
            throw new DomainException("Customer.SpendNegative");
        }

        CumulativeSpend += amount;
        UpdatedAt = now;
    }

    public void ClearIdNumber(DateTimeOffset now)
    {
        IdNumberProtected = null;
        IdNumberMasked = null;
        UpdatedAt = now;
    }

    public void SetFlags(bool vip, bool keyAccount, bool blacklisted, string? blacklistReason, DateTimeOffset now)
    {
        var reason = Text.Optional(blacklistReason, ReasonMaxLength, nameof(BlacklistReason));
        if (blacklisted && reason is null)
        {
            throw new DomainException("Customer.BlacklistReasonRequired", nameof(BlacklistReason));
        }

        IsVip = vip;
        IsKeyAccount = keyAccount;
        IsBlacklisted = blacklisted;
        BlacklistReason = blacklisted ? reason : null;
        UpdatedAt = now;
    }

    /// <summary>
    /// The customer said no to callbacks (4.7: a refusal is honoured): consent is off and was recorded as an answer.
    /// A customer never asked (no change recorded) is not a refusal. The callback jobs' SQL reads the same two
    /// columns (<c>NOT callback_consent AND callback_consent_changed_at IS NOT NULL</c>).
    /// </summary>
    public bool RefusesCallbacks => !CallbackConsent && CallbackConsentChangedAt is not null;

    /// <summary>The answer to "may we call you after delivery / service?" (asked at delivery, 4.7), recorded even
    /// when it is the same value as before, so that a "no" from a customer never asked counts as a refusal.</summary>
    public void RecordCallbackConsent(bool accepts, DateTimeOffset now)
    {
        CallbackConsent = accepts;
        CallbackConsentChangedAt = now;
        UpdatedAt = now;
    }

    /// <summary>Consent per purpose, each with the time it last changed (PIPL: recorded and withdrawable).</summary>
    public void SetConsent(bool marketing, bool callbacks, string? preferredTime, string? preferredNumber,
        DateTimeOffset now)
    {
        var time = Text.Optional(preferredTime, ShortTextMaxLength, nameof(PreferredContactTime));
        var number = Text.Optional(preferredNumber, PhoneMaxLength, nameof(PreferredContactNumber));
        if (marketing != MarketingConsent)
        {
            MarketingConsent = marketing;
            MarketingConsentChangedAt = now;
        }

        if (callbacks != CallbackConsent)
        {
            CallbackConsent = callbacks;
            CallbackConsentChangedAt = now;
        }

        PreferredContactTime = time;
        PreferredContactNumber = number;
        UpdatedAt = now;
    }
}

public sealed record FixedInformation
{
    public CustomerKind Kind { get; init; }

    public string? Name { get; init; }

    public Gender Gender { get; init; }

    public string? Mobile { get; init; }

    public string? HomePhone { get; init; }

    public string? OfficePhone { get; init; }

    public string? Email { get; init; }

    public string? Occupation { get; init; }

    public string? Industry { get; init; }

    public string? Employer { get; init; }

    public DateOnly? Birthday { get; init; }

    public string? HomeAddress { get; init; }

    public string? HomePostcode { get; init; }

    public string? WorkAddress { get; init; }

    public string? WorkPostcode { get; init; }

    public string? Region { get; init; }
}
