using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Admin.Callbacks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data.Seed;

/// <summary>
/// Demo stores and accounts for Development only (spec 7.2: demo accounts never exist in production).
/// Idempotent: running it again changes nothing that is already there.
/// </summary>
public sealed class DemoDataSeeder(
    CrmDbContext db,
    UserManager<StaffUser> users,
    TimeProvider time,
    DemoBusinessData business,
    DemoAfterSalesData afterSales,
    DemoComplaintsData complaints,
    DemoLoyaltyData loyalty,
    Jobs.LoyaltyRecalculationJob loyaltyJob,
    DemoReminderData reminders,
    Jobs.ServiceRemindersJob remindersJob,
    Jobs.ReplacementLeadsJob replacementJob,
    DemoCampaignData campaigns,
    ILogger<DemoDataSeeder> logger)
{
    public const string DemoPassword = "DealerCrm-Demo-2026";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin", "系统管理员 Admin", "DEMO1", [Roles.Admin]),
        new("gm", "王总 General Manager", "DEMO1", [Roles.GeneralManager]),
        new("manager", "陈经理 Sales Manager", "DEMO1", [Roles.SalesManager]),
        new("consultant.li", "李明 Li Ming", "DEMO1", [Roles.SalesConsultant]),
        new("consultant.zhang", "张伟 Zhang Wei", "DEMO1", [Roles.SalesConsultant]),
        new("receptionist", "刘芳 Receptionist", "DEMO1", [Roles.Receptionist]),
        new("crmofficer", "赵敏 CRM Officer", "DEMO1", [Roles.CrmOfficer]),
        new("servicemanager", "孙强 Service Manager", "DEMO1", [Roles.ServiceManager]),
        new("serviceadvisor", "周杰 Service Advisor", "DEMO1", [Roles.ServiceAdvisor]),
        new("store2.manager", "吴经理 Store 2 Manager", "DEMO2", [Roles.SalesManager]),
        new("store2.consultant", "郑洁 Store 2 Consultant", "DEMO2", [Roles.SalesConsultant]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var stores = await db.Stores.ToDictionaryAsync(s => s.Code, cancellationToken);
        foreach (var (code, name) in new[] { ("DEMO1", "Demo Store 1"), ("DEMO2", "Demo Store 2") })
        {
            if (!stores.ContainsKey(code))
            {
                var store = new Store(code, name, Store.DefaultTimeZoneId, WorkingHours.Default, now);
                db.Stores.Add(store);
                stores[code] = store;
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // Each store's callback settings, scripts and questionnaires (as a store created on /Admin/Stores gets them),
        // and a closed day with its make-up working day in the first store's calendar.
        foreach (var store in stores.Values)
        {
            await CallbackDefaults.AddMissingAsync(db, store.Id, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await DemoAfterSalesData.SeedHolidaysAsync(db, stores["DEMO1"], now, cancellationToken);

        var created = 0;
        foreach (var account in Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }

            var user = new StaffUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                StoreId = stores[account.StoreCode].Id,
                CreatedAt = now,
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (result.Succeeded)
            {
                result = await users.AddToRolesAsync(user, account.Roles);
            }

            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo account {account.UserName}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            }

            created++;
        }

        var customers = 0;
        var callbacks = 0;
        var items = 0;
        var owners = 0;
        var remindedOwners = 0;
        var campaignCount = 0;
        var targets = 0;
        foreach (var (code, count) in new[] { ("DEMO1", 40), ("DEMO2", 12) })
        {
            var store = stores[code];
            var staff = await db.Users.Where(u => u.StoreId == store.Id && u.IsActive).ToListAsync(cancellationToken);
            var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken);
            bool Has(StaffUser u, string role) => roles.Any(r => r.UserId == u.Id && r.Name == role);
            var consultants = staff.Where(u => Has(u, Roles.SalesConsultant)).OrderBy(u => u.UserName).ToList();
            var receptionist = staff.FirstOrDefault(u => Has(u, Roles.Receptionist))
                ?? staff.FirstOrDefault(u => Has(u, Roles.SalesManager));
            if (receptionist is not null)
            {
                customers += await business.SeedAsync(store, consultants, receptionist, count, cancellationToken);
            }

            // Issue 15: a past, a running and a planned campaign where the store has sales data and a sales manager.
            var salesManagerOfStore = staff.FirstOrDefault(u => Has(u, Roles.SalesManager));
            if (salesManagerOfStore is not null)
            {
                campaignCount += await campaigns.SeedAsync(store, salesManagerOfStore.Id, consultants, cancellationToken);
            }

            // The after-sales day where the store has both a CRM officer and a service advisor (DEMO1).
            if (staff.FirstOrDefault(u => Has(u, Roles.CrmOfficer)) is { } officer
                && staff.FirstOrDefault(u => Has(u, Roles.ServiceAdvisor)) is { } advisor)
            {
                callbacks += await afterSales.SeedAsync(store, officer.Id, advisor.Id, cancellationToken);

                // Issue 14: cars whose maintenance, inspection or insurance reminder is called this week (DEMO1).
                remindedOwners += await reminders.SeedAsync(store, advisor.Id, cancellationToken);

                // Issue 12: two months of callbacks with their grievances, complaints and actions, where the store also
                // has the managers, the GM and a consultant who act in them (DEMO1).
                if (staff.FirstOrDefault(u => Has(u, Roles.ServiceManager)) is { } serviceManager
                    && staff.FirstOrDefault(u => Has(u, Roles.SalesManager)) is { } salesManager
                    && staff.FirstOrDefault(u => Has(u, Roles.GeneralManager)) is { } gm
                    && consultants.FirstOrDefault() is { } consultant)
                {
                    items += await complaints.SeedAsync(store, new DemoComplaintsData.ComplaintStaff(officer.Id,
                        advisor.Id, serviceManager.Id, salesManager.Id, gm.Id, consultant.Id), cancellationToken);

                    // Last month submitted to the GM with the report's own frozen figures (4.6).
                    await complaints.SubmitLastMonthAsync(store, serviceManager.Id,
                        (id, year, month, ct) => Pages.Reports.CallbackReportQueries.FreezeAsync(db, id, year, month,
                            time.GetUtcNow(), ct),
                        cancellationToken);

                    // Issue 13: owners over every loyalty category and tier, one at risk (DEMO1).
                    owners += await loyalty.SeedAsync(store, consultant.Id, advisor.Id, cancellationToken);
                }
            }

            await loyalty.SeedSettingsAsync(store, cancellationToken);

            // Issue 15: the month's targets (and the two months before), after the callbacks they are measured on.
            if (salesManagerOfStore is not null)
            {
                targets += await campaigns.SeedTargetsAsync(store, count, salesManagerOfStore.Id,
                    staff.FirstOrDefault(u => Has(u, Roles.ServiceManager))?.Id, cancellationToken);
            }
        }

        // Issue 13: the demo owners' categories, tiers and risk as the nightly recalculation gives them, so /Loyalty
        // and the files show them from the first sign-in (a second seeding changes nothing: the job is idempotent).
        await loyaltyJob.RunAsync(cancellationToken);

        // Issue 14: this week's service reminder calls as the 05:00 job makes them, in the officer's queue at once.
        await remindersJob.RunAsync(cancellationToken);

        // Issue 14: the weekly replacement leads over the after-sales and loyalty owners, so a consultant's day list has
        // owners due a new car (and the manager's queue those whose consultant is gone); once per owner per 12 months,
        // so a second seeding adds none.
        var replacement = await replacementJob.RunAsync(cancellationToken);

        logger.LogInformation(
            "Demo data seeded: {Created} accounts, {Customers} customers, {Callbacks} after-sales callbacks, {Items} grievances and complaints, {Owners} loyalty demo owners, {Reminded} reminder demo owners, {Replacement} replacement leads, {Campaigns} campaigns, {Targets} monthly targets created",
            created, customers, callbacks, items, owners, remindedOwners, replacement.Cards + replacement.Queued,
            campaignCount, targets);
    }

    public sealed record DemoAccount(string UserName, string DisplayName, string StoreCode, string[] Roles);
}
