using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Manager;

/// <summary>The store's audit log for its managers (spec 7.2): only entries of the manager's own store.</summary>
public sealed class AuditModel(CrmDbContext db, IStringLocalizer<SharedResource> localizer)
    : AuditViewerModel(db, localizer)
{
    public override bool WholeGroup => false;
}
