using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin;

/// <summary>The whole group's audit log for Admins (spec 7.2), with a store filter.</summary>
public sealed class AuditModel(CrmDbContext db, IStringLocalizer<SharedResource> localizer)
    : AuditViewerModel(db, localizer)
{
    public override bool WholeGroup => true;
}
