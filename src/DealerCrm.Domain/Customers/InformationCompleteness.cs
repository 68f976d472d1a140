using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Customers;

/// <summary>
/// Information completeness (信息 5 级分类, spec 1.2): the highest level whose fields, and those of every lower
/// level, are filled. Levels 2, 3 and 5 include what the customer's lead says about the purchase.
/// </summary>
public static class InformationCompleteness
{
    public const int MaxLevel = 5;

    /// <summary>
    /// "Filled" for SQL, where the data-quality report computes the levels: a value is filled when it matches this
    /// pattern (<c>value ~ FilledPattern</c>; NULL is not filled) — it has a character that is not white space, as
    /// <see cref="string.IsNullOrWhiteSpace"/> has it.
    /// </summary>
    public const string FilledPattern = PortableRegex.NotWhiteSpace;

    /// <summary>
    /// The level. The data-quality report counts customers per level in SQL with a translation of this method and of
    /// the facts a customer and their latest lead give (Web: <c>DataQualityQueries.CustomerFiguresSql</c>); a web test
    /// holds the two equal over customers built to tell them apart.
    /// </summary>
    public static int Level(CompletenessFacts f)
    {
        bool[] levels =
        [
            Filled(f.Name) && f.GenderKnown,
            Filled(f.Region) && Filled(f.IntendedModel) && Filled(f.CompetitorModels) && Filled(f.HeardOfUsFrom),
            Filled(f.ContactNumber) && Filled(f.IntendedUse) && f.PurchaseTypeKnown,
            Filled(f.Industry) && Filled(f.Occupation) && Filled(f.Employer),
            Filled(f.Address) && f.BirthdayKnown && f.PaymentMethodKnown && Filled(f.OtherNeeds),
        ];
        var level = 0;
        while (level < levels.Length && levels[level])
        {
            level++;
        }

        return level;
    }

    private static bool Filled(string? value) => !string.IsNullOrWhiteSpace(value);
}

public sealed record CompletenessFacts
{
    public string? Name { get; init; }

    public bool GenderKnown { get; init; }

    public string? Region { get; init; }

    public string? IntendedModel { get; init; }

    public string? CompetitorModels { get; init; }

    public string? HeardOfUsFrom { get; init; }

    public string? ContactNumber { get; init; }

    public string? IntendedUse { get; init; }

    public bool PurchaseTypeKnown { get; init; }

    public string? Industry { get; init; }

    public string? Occupation { get; init; }

    public string? Employer { get; init; }

    public string? Address { get; init; }

    public bool BirthdayKnown { get; init; }

    public bool PaymentMethodKnown { get; init; }

    public string? OtherNeeds { get; init; }
}
