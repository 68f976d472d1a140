using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Customers;

public enum SearchKind
{
    None,
    Name,
    Mobile,
    TooShort,
    Plate,
    Vin,
}

/// <summary>
/// The search box of the customer and lead lists (spec 3.4): any part of a name, any part of a mobile number (3 digits
/// or more), or a whole plate or VIN of a car on the customer's file. What was typed decides which: digits are a
/// mobile, a mainland plate or a 17-character VIN is a car, anything else a name.
/// </summary>
public sealed record CustomerSearch(SearchKind Kind, string Value)
{
    public const int MaxLength = 100;

    public static CustomerSearch None { get; } = new(SearchKind.None, string.Empty);

    public bool IsEmpty => Kind == SearchKind.None;

    public static CustomerSearch Parse(string? text)
    {
        var q = text?.Trim() ?? string.Empty;
        if (q.Length > MaxLength)
        {
            q = q[..MaxLength];
        }

        if (q.Length == 0)
        {
            return None;
        }

        var digits = new string(q.Where(char.IsAsciiDigit).ToArray());
        var compact = q.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.Length == compact.Length)
        {
            return digits.Length < 3 ? new(SearchKind.TooShort, digits) : new(SearchKind.Mobile, digits);
        }

        if (TryNormalize(() => PlateNumber.NormalizeOptional(q)) is { } plate)
        {
            return new(SearchKind.Plate, plate);
        }

        if (compact.Length == 17 && TryNormalize(() => Vin.Normalize(q)) is { } vin)
        {
            return new(SearchKind.Vin, vin);
        }

        return new(SearchKind.Name, q);
    }

    /// <summary>The customers matching the search (all of them when it is empty).</summary>
    public IQueryable<Customer> Apply(IQueryable<Customer> customers, CrmDbContext db)
    {
        switch (Kind)
        {
            case SearchKind.Mobile:
                var digits = $"%{Value}%";
                return customers.Where(c => EF.Functions.Like(c.Mobile!, digits));
            case SearchKind.TooShort:
                return customers.Where(_ => false);
            case SearchKind.Plate:
                // The store condition lets PostgreSQL use ix_vehicles_store_id_plate.
                var plate = Value;
                return customers.Where(c => db.Vehicles.Any(v =>
                    v.StoreId == c.StoreId && v.Plate == plate && v.OwnerCustomerId == c.Id));
            case SearchKind.Vin:
                var vin = Value;
                return customers.Where(c => db.Vehicles.Any(v => v.OwnerCustomerId == c.Id && v.Vin == vin));
            case SearchKind.Name:
                var name = LikePattern.Containing(Value);
                return customers.Where(c => EF.Functions.ILike(c.Name, name, "\\"));
            default:
                return customers;
        }
    }

    /// <summary>For audit details: whether a search was used and of what kind, never what was typed.</summary>
    public string Describe() => IsEmpty ? "search=no" : $"search=yes({Kind.ToString().ToLowerInvariant()})";

    private static string? TryNormalize(Func<string?> normalize)
    {
        try
        {
            return normalize();
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
