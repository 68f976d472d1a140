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
/// The search box of the customer and lead lists (spec 3.4): any part of a name (2 characters or more), any part of a
/// mobile number (3 digits or more), or a whole plate or VIN of a car on the customer's file. What was typed decides
/// which: digits are a mobile, a mainland plate or a 17-character VIN is a car, anything else a name.
/// </summary>
/// <remarks>
/// Chinese names are 2 or 3 characters, too short for the trigram index, so a name is found through the index of its
/// 2-character pieces within its store (<see cref="NameHasBigramsOf"/>, migration IndexCustomerNamesByBigrams) and
/// then checked with the same case-insensitive "contains" as before. One character (a surname) would match a large
/// part of the store: it is refused as too short, like fewer than 3 digits (docs/decisions.md, issue 10).
/// </remarks>
public sealed record CustomerSearch(SearchKind Kind, string Value)
{
    public const int MaxLength = 100;

    /// <summary>The shortest name part searched: one character would list a surname's share of the store.</summary>
    public const int NameMinLength = 2;

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

        if (compact.Length == 17 && Vin.TryNormalizeShape(q) is { } vin)
        {
            return new(SearchKind.Vin, vin);
        }

        return q.Length < NameMinLength ? new(SearchKind.TooShort, q) : new(SearchKind.Name, q);
    }

    /// <summary>
    /// The customers of store <paramref name="storeId"/> matching the search (all of them when it is empty). The store
    /// is in the name condition's index key, so a name is looked up among that store's customers only.
    /// </summary>
    public IQueryable<Customer> Apply(IQueryable<Customer> customers, CrmDbContext db, int storeId)
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
                var text = Value;
                return customers.Where(c => c.StoreId == storeId && NameHasBigramsOf(c.StoreId, c.Name, storeId, text)
                    && EF.Functions.ILike(c.Name, name, "\\"));
            default:
                return customers;
        }
    }

    /// <summary>
    /// SQL <c>customer_name_has_bigrams_of(store, name, search store, text)</c>: whether every 2-character piece of the
    /// lower-cased text, tagged with the search's store, is among those of the name tagged with the customer's store.
    /// Every name that contains the text case-insensitively passes, so it only narrows the rows the ILIKE then checks;
    /// PostgreSQL inlines it into <c>customer_name_bigrams(store_id, name) @&gt; customer_name_bigrams(@store, @text)</c>,
    /// which the GIN index ix_customers_name_bigrams serves.
    /// </summary>
    public static bool NameHasBigramsOf(int storeId, string name, int searchStoreId, string text) =>
        throw new NotSupportedException("Translated to SQL only.");

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
