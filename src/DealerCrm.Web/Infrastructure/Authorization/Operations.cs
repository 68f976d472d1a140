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

    /// <summary>
    /// The service manager's own acts on a corrective or preventive action (issue 12): revising and resubmitting a
    /// returned one, verifying the effect of a done one and closing it, or sending it back.
    /// </summary>
    public static OperationAuthorizationRequirement Verify { get; } = new() { Name = nameof(Verify) };

    /// <summary>Showing a customer's full ID number (CrmOfficer and Admin, audited).</summary>
    public static OperationAuthorizationRequirement RevealIdNumber { get; } = new() { Name = nameof(RevealIdNumber) };

    /// <summary>
    /// Seeing an owner's membership tier and its benefits (issue 13): whoever reads the customer file, and the
    /// service advisors and service manager of the owner's store, who may not open the file but serve the car.
    /// </summary>
    public static OperationAuthorizationRequirement ReadTier { get; } = new() { Name = nameof(ReadTier) };
}
