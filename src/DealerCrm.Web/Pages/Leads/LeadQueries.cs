using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Web.Pages.Leads;

public static class LeadQueries
{
    /// <summary>What the completeness levels look at: the customer's file and what their lead says of the purchase.</summary>
    public static CompletenessFacts CompletenessFacts(Customer customer, Lead? lead) => new()
    {
        Name = customer.Name,
        GenderKnown = customer.Gender != Gender.Unknown,
        Region = customer.Region,
        IntendedModel = lead?.Interest.IntendedModel,
        CompetitorModels = lead?.Interest.CompetitorModels,
        HeardOfUsFrom = lead?.Needs.HeardOfUsFrom,
        ContactNumber = customer.Mobile ?? customer.HomePhone ?? customer.OfficePhone,
        IntendedUse = lead?.Interest.IntendedUse,
        PurchaseTypeKnown = lead is { Interest.PurchaseType: not PurchaseType.Unknown },
        Industry = customer.Industry,
        Occupation = customer.Occupation,
        Employer = customer.Employer,
        Address = customer.HomeAddress ?? customer.WorkAddress,
        BirthdayKnown = customer.Birthday is not null,
        PaymentMethodKnown = lead is { Interest.PaymentMethod: not PaymentMethod.Unknown },
        OtherNeeds = lead?.Needs.OtherNeeds,
    };
}
