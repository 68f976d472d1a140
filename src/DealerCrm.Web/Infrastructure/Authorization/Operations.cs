using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace DealerCrm.Web.Infrastructure.Authorization;

/// <summary>What a user may want to do with a loaded record; checked by one handler per record type.</summary>
public static class Operations
{
    public static OperationAuthorizationRequirement Read { get; } = new() { Name = nameof(Read) };

    public static OperationAuthorizationRequirement Edit { get; } = new() { Name = nameof(Edit) };

    /// <summary>A manager's correction or void of a showroom entry of any day.</summary>
    public static OperationAuthorizationRequirement Correct { get; } = new() { Name = nameof(Correct) };

    /// <summary>
    /// Deciding a request someone else raised: a defeat request or a duplicate claim today; complaints and corrective
    /// actions reuse it. Only the store's deciding role, once, with the row version guarding a second decision.
    /// </summary>
    public static OperationAuthorizationRequirement Decide { get; } = new() { Name = nameof(Decide) };

    /// <summary>Showing a customer's full ID number (CrmOfficer and Admin, audited).</summary>
    public static OperationAuthorizationRequirement RevealIdNumber { get; } = new() { Name = nameof(RevealIdNumber) };
}
