using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin;

/// <summary>
/// The loyalty recalculation for an Admin (spec 5.1, issue 13): "Recalculate now" makes a run row (trigger Admin, by
/// the user) and hands <see cref="LoyaltyRecalculationJob.RunRequestedAsync"/> to Hangfire; while a run is going the
/// page shows its step of steps and reloads itself (a meta refresh: no inline script under the CSP), and refuses a
/// second one. Below, the last runs with who started them, how long they took, what they changed, and why one failed.
/// The Admin folder's policy guards it; runs are group-wide, not a store's.
/// </summary>
public sealed class LoyaltyModel(CrmDbContext db, StoreCalendar calendar, IBackgroundJobClient jobs,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int RecentRuns = 20;

    public Store Store { get; private set; } = null!;

    public RunRow? Current { get; private set; }

    public IReadOnlyList<RunRow> Recent { get; private set; } = [];

    /// <summary>A run is going or waiting: the page reloads itself until it is done.</summary>
    public bool Refresh => Current is not null;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        // One Admin's click at a time: the check and the new row under a short lock of their own, so two clicks at
        // once make one run.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock({LoyaltyRecalculationJob.LockClass}, {LoyaltyRecalculationJob.LockObject + 1})");
        if (await BusyAsync())
        {
            await transaction.RollbackAsync();
            await LoadAsync();
            ModelState.AddModelError(string.Empty, localizer["LoyaltyAdmin.AlreadyRunning"]);
            return Page();
        }

        var run = new LoyaltyRun(LoyaltyRunTrigger.Admin, User.GetUserId(), LoyaltyRecalculationJob.Steps, calendar.Now);
        db.LoyaltyRuns.Add(run);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        jobs.Enqueue<LoyaltyRecalculationJob>(job => job.RunRequestedAsync(run.Id, CancellationToken.None));
        TempData["Message"] = localizer["LoyaltyAdmin.Started"].Value;
        return RedirectToPage();
    }

    /// <summary>
    /// A run is going when a recalculation holds the job's lock, or a Running row is recent enough to be waiting in
    /// Hangfire's queue; an older Running row without the lock was left by a killed process (the next run marks it).
    /// </summary>
    private async Task<bool> BusyAsync()
    {
        var since = calendar.Now - LoyaltyRecalculationJob.AbandonedAfter;
        var running = await db.LoyaltyRuns.Where(r => r.Status == LoyaltyRunStatus.Running)
            .Select(r => r.StartedAt).ToListAsync();
        return running.Count > 0
            && (running.Any(at => at > since) || await LoyaltyRecalculationJob.IsRunningAsync(db, HttpContext.RequestAborted));
    }

    private async Task LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Recent = await (from r in db.LoyaltyRuns.AsNoTracking()
                        join u in db.Users on r.ByUserId equals u.Id into starters
                        from u in starters.DefaultIfEmpty()
                        orderby r.Id descending
                        select new RunRow(r.Id, r.Trigger, u == null ? null : u.DisplayName, r.Status, r.StartedAt,
                            r.FinishedAt, r.Step, r.Steps, r.Customers, r.CategoryChanges, r.Upgrades, r.Downgrades,
                            r.Held, r.Error))
            .Take(RecentRuns).ToListAsync();
        var since = calendar.Now - LoyaltyRecalculationJob.AbandonedAfter;
        Current = Recent.FirstOrDefault(r => r.Status == LoyaltyRunStatus.Running && r.StartedAt > since)
            ?? (Recent.Any(r => r.Status == LoyaltyRunStatus.Running)
                && await LoyaltyRecalculationJob.IsRunningAsync(db, HttpContext.RequestAborted)
                    ? Recent.First(r => r.Status == LoyaltyRunStatus.Running)
                    : null);
    }

    public sealed record RunRow(long Id, LoyaltyRunTrigger Trigger, string? By, LoyaltyRunStatus Status,
        DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Step, int Steps, int Customers, int CategoryChanges,
        int Upgrades, int Downgrades, int Held, string? Error)
    {
        public TimeSpan? Duration => FinishedAt - StartedAt;
    }
}
