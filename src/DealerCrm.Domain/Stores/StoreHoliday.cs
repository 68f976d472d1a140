using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Stores;

public enum HolidayKind
{
    /// <summary>The store is closed on a day it would normally open (春节, 国庆).</summary>
    Closed = 0,

    /// <summary>A make-up working day (调休) on a day the store would normally be closed, e.g. a Sunday.</summary>
    WorkingDay = 1,
}

/// <summary>One exception to a store's weekly working days, edited by the Admin (spec 4.4, 4.7).</summary>
public sealed class StoreHoliday
{
    public const int NameMaxLength = 50;

    private StoreHoliday()
    {
    }

    public StoreHoliday(int storeId, DateOnly date, HolidayKind kind, string? name)
    {
        if (!UserDates.IsSane(date))
        {
            throw new DomainException("Holiday.DateInvalid", nameof(Date));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Holiday.KindInvalid", nameof(Kind));
        }

        StoreId = storeId;
        Date = date;
        Kind = kind;
        Name = Text.Optional(name, NameMaxLength, nameof(Name));
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public DateOnly Date { get; private set; }

    public HolidayKind Kind { get; private set; }

    public string? Name { get; private set; }
}
