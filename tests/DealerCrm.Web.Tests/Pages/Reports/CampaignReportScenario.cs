using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// A store in New York (store-local midnight is 05:00 UTC in November) with campaigns whose contacts, leads and orders
/// sit at the M01 report's boundaries (see <see cref="CampaignReportTests"/> for the figures each one makes).
/// </summary>
public sealed class CampaignReportScenario
{
    public const string Zone = "America/New_York";

    private readonly AppFixture _app;
    private int _mobile;

    private CampaignReportScenario(AppFixture app, Store store, long managerId)
    {
        _app = app;
        Store = store;
        ManagerId = managerId;
    }

    public Store Store { get; }

    public long ManagerId { get; }

    public Campaign Exhibition { get; private set; } = null!;

    public Campaign TestDrive { get; private set; } = null!;

    public Campaign Calls { get; private set; } = null!;

    public Campaign October { get; private set; } = null!;

    public static DateOnly D(int month, int day) => new(2026, month, day);

    /// <summary>A store-local time on a November/December 2026 day.</summary>
    public DateTimeOffset At(DateOnly day, int hour, int minute = 0) => Store.StartOfLocalDay(day).AddHours(hour).AddMinutes(minute);

    public static async Task<CampaignReportScenario> BuildAsync(AppFixture app)
    {
        app.PinClock(new DateTimeOffset(2027, 1, 20, 12, 0, 0, TimeSpan.Zero));
        var store = new Store("NY1", "纽约店", Zone, WorkingHours.Default, app.Now);
        await app.WithDbAsync(async db =>
        {
            db.Stores.Add(store);
            await db.SaveChangesAsync();
        });
        var manager = await app.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        await app.CreateUserAsync("gm", store.Id, Roles.GeneralManager);
        var s = new CampaignReportScenario(app, store, manager.Id);
        await s.BuildCampaignsAsync();
        return s;
    }

    private async Task BuildCampaignsAsync()
    {
        var created = At(D(10, 1), 9);
        Exhibition = new Campaign(Store.Id, new CampaignDetails("十一月车展", CampaignType.Exhibition, D(11, 5), D(11, 6),
            30_000m, "哈弗H6", 5, 4, 3), ManagerId, created);
        TestDrive = new Campaign(Store.Id, new CampaignDetails("试驾日", CampaignType.TestDriveDay, D(11, 20), D(11, 20),
            10_000m, null, null, null, null), ManagerId, created);
        Calls = new Campaign(Store.Id, new CampaignDetails("外呼", CampaignType.OutboundCalls, D(11, 25), D(11, 26),
            0m, null, null, null, null), ManagerId, created);
        October = new Campaign(Store.Id, new CampaignDetails("十月活动", CampaignType.ShowroomEvent, D(10, 1), D(10, 2),
            5_000m, null, null, null, null), ManagerId, created);
        await _app.WithDbAsync(async db =>
        {
            db.Campaigns.AddRange(Exhibition, TestDrive, Calls, October);
            await db.SaveChangesAsync();
        });

        var notified = At(D(11, 2), 10);
        var invited = At(D(11, 3), 10);
        var attended = At(D(11, 5), 10);
        var old = At(D(9, 1), 9);

        // a1: attended late in the evening (the next day in UTC); an order that evening's day is day 0.
        await AttendeeAsync(Exhibition, notified, invited, At(D(11, 5), 23, 30), D(11, 5));

        // a2–a6: orders on days 1, 3, 4, 30 and 31 after attendance.
        await AttendeeAsync(Exhibition, notified, invited, attended, D(11, 6));
        await AttendeeAsync(Exhibition, notified, invited, attended, D(11, 8));
        await AttendeeAsync(Exhibition, notified, invited, attended, D(11, 9));
        await AttendeeAsync(Exhibition, notified, invited, attended, D(12, 5));
        await AttendeeAsync(Exhibition, notified, invited, attended, D(12, 6));

        // a7: a cancelled order on day 2.
        await AttendeeAsync(Exhibition, notified, invited, attended, D(11, 7), cancel: true);

        // a8: attended the exhibition and later the test-drive day; the order on the day after is the test-drive day's.
        var a8 = await AttendeeAsync(Exhibition, notified, invited, attended, D(11, 21));
        await ContactAsync(TestDrive, a8.Customer, null, At(D(11, 18), 10), At(D(11, 18), 10), At(D(11, 20), 10));

        // a12: an order the day before attending is not the campaign's.
        await AttendeeAsync(Exhibition, notified, invited, attended, D(11, 4));

        // a9: notified only; a lead made that morning before the notice, graded B (created, qualified).
        var a9 = await CustomerAsync(consent: true);
        await LeadAsync(a9, At(D(11, 2), 9), Grade.B);
        await ContactAsync(Exhibition, a9, null, notified, null, null);

        // a10: invited, did not come; a lead made on the 30th day after the invitation, graded C (created, not qualified).
        var a10 = await CustomerAsync(consent: true);
        await LeadAsync(a10, At(D(12, 3), 20), Grade.C);
        await ContactAsync(Exhibition, a10, null, notified, invited, null);

        // a11: a walk-in with no marketing consent, recorded as attended; a lead made that day, graded H.
        var a11 = await CustomerAsync(consent: false);
        await LeadAsync(a11, At(D(11, 6), 11), Grade.H);
        await ContactAsync(Exhibition, a11, null, null, null, At(D(11, 6), 10));

        // a13: a lead made on the 31st day after the invitation: not created by the campaign.
        var a13 = await CustomerAsync(consent: true);
        await LeadAsync(a13, At(D(12, 4), 0, 30), Grade.A);
        await ContactAsync(Exhibition, a13, null, notified, invited, null);

        // a14: notified at 23:30 on the period's last day (04:30 UTC the next day): in the period.
        await ContactAsync(Exhibition, await CustomerAsync(consent: true), null, At(D(11, 30), 23, 30), null, null);

        // a15, a16: notified at 23:30 the day before the period, and just after it: not in the period.
        await ContactAsync(Exhibition, await CustomerAsync(consent: true), null, At(D(10, 31), 23, 30), null, null);
        await ContactAsync(Exhibition, await CustomerAsync(consent: true), null, At(D(12, 1), 0, 0), null, null);

        // b1: invited to the test-drive day, did not come; a lead from long before (not created by the campaign).
        var b1 = await CustomerAsync(consent: true);
        await LeadAsync(b1, old, Grade.A);
        await ContactAsync(TestDrive, b1, null, At(D(11, 18), 10), At(D(11, 18), 10), null);

        // The October campaign's attendee: their order is October's, a campaign not in the November report.
        var c1 = await CustomerAsync(consent: true);
        var c1Lead = await LeadAsync(c1, old, Grade.A);
        await ContactAsync(October, c1, c1Lead.Id, At(D(10, 1), 10), At(D(10, 1), 10), At(D(10, 2), 10));
        await OrderAsync(c1Lead, D(10, 20), cancel: false);
    }

    private async Task<(Customer Customer, Lead Lead)> AttendeeAsync(Campaign campaign, DateTimeOffset notified,
        DateTimeOffset invited, DateTimeOffset attended, DateOnly orderDate, bool cancel = false)
    {
        var customer = await CustomerAsync(consent: true);
        var lead = await LeadAsync(customer, At(D(9, 1), 9), Grade.A);
        await ContactAsync(campaign, customer, lead.Id, notified, invited, attended);
        await OrderAsync(lead, orderDate, cancel);
        return (customer, lead);
    }

    private async Task<Customer> CustomerAsync(bool consent)
    {
        _mobile++;
        var mobile = "1390000" + _mobile.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        return await _app.CreateCustomerAsync(Store.Id, "客户" + _mobile, mobile,
            c => c.SetConsent(consent, true, null, null, _app.Now));
    }

    private async Task<Lead> LeadAsync(Customer customer, DateTimeOffset created, Grade grade)
    {
        var policy = new GradePolicy(Store.Id);
        var today = Store.LocalDate(created);
        var lead = Lead.Create(new NewLead
        {
            StoreId = Store.Id,
            CustomerId = customer.Id,
            OwnerId = ManagerId,
            Source = SourceChannel.DealerWebsite,
            Grade = grade,
            Interest = new LeadInterest { IntendedModel = "哈弗H6" },
            FirstPlan = new PlanRequest(today.AddDays(1), null, ContactMethod.Phone, PlanPurpose.Reminder, null, null),
        }, policy, today, created);
        await _app.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }

    private async Task OrderAsync(Lead lead, DateOnly orderDate, bool cancel)
    {
        var when = At(orderDate, 15);
        var policy = new GradePolicy(Store.Id);
        await _app.ChangeLeadAsync(lead.Id, (l, _) =>
        {
            l.PlaceOrder(new OrderRequest(orderDate, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null,
                null, null), policy, orderDate, ManagerId, when);
            if (cancel)
            {
                l.CancelOrder("客户改主意", true, new PlanRequest(orderDate.AddDays(3), null, ContactMethod.Phone,
                    PlanPurpose.Reminder, null, null), policy, orderDate, ManagerId, when);
            }
        });
    }

    /// <summary>A contact linked at its first stamp and moved up at the later ones (a walk-in: attended only).</summary>
    private async Task ContactAsync(Campaign campaign, Customer customer, long? leadId, DateTimeOffset? notified,
        DateTimeOffset? invited, DateTimeOffset? attended)
    {
        var first = notified ?? invited ?? attended!.Value;
        var stage = notified is not null ? CampaignStage.Notified : invited is not null ? CampaignStage.Invited : CampaignStage.Attended;
        var contact = CampaignContact.Link(campaign, customer.Id, leadId, customer.MarketingConsent, stage, first, ManagerId, first);
        if (invited is { } i && stage < CampaignStage.Invited)
        {
            contact.Advance(CampaignStage.Invited, i, customer.MarketingConsent);
        }

        if (attended is { } a && stage < CampaignStage.Attended)
        {
            contact.Advance(CampaignStage.Attended, a, customer.MarketingConsent);
        }

        await _app.WithDbAsync(async db =>
        {
            db.CampaignContacts.Add(contact);
            await db.SaveChangesAsync();
        });
    }
}
