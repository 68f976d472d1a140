using DealerCrm.Domain.Common;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Reports;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// The daily report's "at day end" figures read a lead with no history after the day's end as it is now, and rebuild
/// only the others from <c>lead_events</c>; its cards, plans due, orders and deliveries go to the owner at the instant,
/// found from the lead's next change of owner (decisions "Issue 15 — daily sales report"). That holds only while every
/// change of a lead's owner, grade, status and plan writes its event at its time. Forty leads of three consultants
/// live a fortnight of random changes through the domain (follow-ups on time and late, grade changes, reassignments,
/// orders and cancellations, deliveries, defeats approved, returned and rescued, dormancy); then every day's end and
/// now are read both ways — as the report reads them, and with every figure rebuilt from the history alone — and must
/// agree, every figure of every consultant.
/// </summary>
public sealed class DailyReportDayEndEquivalenceTests(AppFixture app) : WebTest(app)
{
    private static readonly DateOnly FirstDay = new(2026, 11, 2);
    private const int Days = 14;
    private const int LeadCount = 40;

    private Store _store = null!;
    private readonly List<StaffUser> _consultants = [];
    private StaffUser _manager = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(FirstDay.ToDateTime(new TimeOnly(8, 0)));
        _store = await App.CreateStoreAsync("S1", "东区店");
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            _consultants.Add(await App.CreateUserAsync(name, _store.Id, Roles.SalesConsultant));
        }

        _manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
    }

    [Fact]
    public async Task Every_days_end_and_now_read_as_the_report_reads_them_equal_every_lead_rebuilt_from_its_history()
    {
        var random = new Random(20261202);
        var leads = new List<long>();
        var changes = 0;
        for (var d = 0; d < Days; d++)
        {
            var day = FirstDay.AddDays(d);
            for (var step = 0; step < 24; step++)
            {
                App.PinShanghai(day.ToDateTime(new TimeOnly(9, 0)).AddMinutes(step * 25 + random.Next(20)));
                if (leads.Count < LeadCount && (leads.Count < 10 || random.Next(3) == 0))
                {
                    leads.Add(await NewLeadAsync(random, leads.Count));
                    continue;
                }

                changes += await ChangeAsync(leads[random.Next(leads.Count)], random) ? 1 : 0;
            }
        }

        changes.Should().BeGreaterThan(100, "the fortnight must change leads in every way the report reads");
        App.PinShanghai(FirstDay.AddDays(Days).ToDateTime(new TimeOnly(9, 30)));
        var now = App.Now;
        var statuses = await App.WithDbAsync(db => db.Leads.Where(l => l.StoreId == _store.Id)
            .GroupBy(l => l.Status).Select(g => g.Key).ToListAsync());
        statuses.Should().Contain([LeadStatus.Active, LeadStatus.Ordered, LeadStatus.Won, LeadStatus.Dormant],
            "the fortnight must leave leads open and closed in every way");
        var kinds = await App.WithDbAsync(db => db.LeadEvents.Where(e => e.ToStatus == LeadStatus.Defeated
                || e.Kind == LeadEventKind.Rescued || e.Kind == LeadEventKind.OwnerChanged)
            .GroupBy(e => e.Kind).Select(g => g.Key).ToListAsync());
        kinds.Should().Contain([LeadEventKind.StatusChanged, LeadEventKind.Rescued, LeadEventKind.OwnerChanged],
            "leads were defeated, rescued and reassigned");

        // Each day on its own (its end is that midnight), the whole fortnight, and today (its end is now).
        var periods = Enumerable.Range(0, Days + 1)
            .Select(d => new ReportPeriod(FirstDay.AddDays(d), FirstDay.AddDays(d), false))
            .Append(new ReportPeriod(FirstDay, FirstDay.AddDays(Days - 1), false))
            .ToList();
        var compared = 0;
        foreach (var period in periods)
        {
            var (asRead, rebuilt) = await App.WithDbAsync(async db =>
            {
                var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == _store.Id);
                var read = await DailyReportQueries.ReadAsync(db, store, period, [], null, now);
                var all = await DailyReportQueries.ReadAsync(db, store, period, [], null, now, true);
                return (read, all);
            });
            asRead.DayEndAt.Should().Be(rebuilt.DayEndAt);
            Figures(asRead).Should().BeEquivalentTo(Figures(rebuilt), o => o.WithStrictOrdering(),
                $"the day end of {period} must not depend on which leads are rebuilt from their history");
            compared += asRead.Total.Values.Skip((int)DailyMetric.OpenH).Sum();
        }

        compared.Should().BeGreaterThan(100, "open leads stood at the days' ends");
    }

    private static List<string> Figures(DailyReportFigures figures) =>
        [.. figures.Consultants.Append(figures.Total).Select(c => $"{c.ConsultantId}: {string.Join(",", c.Values)}")];

    private async Task<long> NewLeadAsync(Random random, int n)
    {
        var customer = await App.CreateCustomerAsync(_store.Id, "客户", $"1380000{n:D4}");
        var today = _store.LocalDate(App.Now);
        var grade = (Grade)random.Next((int)Grade.C + 1);
        var lead = Lead.Create(new NewLead
        {
            StoreId = _store.Id,
            CustomerId = customer.Id,
            OwnerId = _consultants[random.Next(_consultants.Count)].Id,
            Source = SourceChannel.DealerWebsite,
            Grade = grade == Grade.O ? Grade.B : grade,
            Interest = new LeadInterest { IntendedModel = "哈弗H6" },
            FirstPlan = new PlanRequest(today.AddDays(random.Next(4)), null, ContactMethod.Phone, PlanPurpose.InviteToStore,
                null, null),
        }, new GradePolicy(_store.Id), today, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead.Id;
    }

    /// <summary>One random change the lead allows now; false when it allowed none of those tried.</summary>
    private async Task<bool> ChangeAsync(long leadId, Random random)
    {
        var policy = new GradePolicy(_store.Id);
        var today = _store.LocalDate(App.Now);
        var kind = random.Next(11);
        var owner = _consultants[random.Next(_consultants.Count)].Id;
        var next = new PlanRequest(today.AddDays(random.Next(1, 4)), null, ContactMethod.Phone, PlanPurpose.InviteToStore,
            null, null);
        try
        {
            await App.ChangeLeadAsync(leadId, (lead, db) =>
            {
                switch (kind)
                {
                    case 0 or 1:
                        // A follow-up, now or written the next morning for yesterday evening.
                        var contacted = random.Next(3) == 0 ? App.Now.AddHours(-15) : App.Now;
                        lead.RecordFollowUp(new FollowUpEntry(contacted, ContactMethod.Phone, "跟进",
                            random.Next(2) == 0 ? FollowUpResult.Reached : FollowUpResult.TestDriveDone, null),
                            next, policy, today, lead.OwnerId, App.Now);
                        break;
                    case 2:
                        lead.ChangeGrade((Grade)random.Next((int)Grade.C + 1) is var g && g == Grade.O ? Grade.C : g,
                            [], "客户变化", _manager.Id, App.Now);
                        break;
                    case 3:
                        lead.Reassign(owner == lead.OwnerId ? _consultants.First(c => c.Id != owner).Id : owner, "调整",
                            _manager.Id, App.Now);
                        break;
                    case 4:
                        lead.PlaceOrder(new OrderRequest(today, "哈弗H6", null, null, 150_000m,
                            random.Next(2) == 0 ? 5_000m : 500m, PaymentMethod.Full, null, null, null),
                            policy, today, lead.OwnerId, App.Now);
                        break;
                    case 5:
                        lead.CancelOrder("客户反悔", true, next, policy, today, lead.OwnerId, App.Now);
                        break;
                    case 6:
                        db.Deliveries.Add(lead.Deliver(new DeliveryRequest(App.Now, 150_000m, $"FP-{leadId}",
                            "LSVAU218XN2183294"), lead.OwnerId, App.Now));
                        break;
                    case 7:
                        db.DefeatRequests.Add(lead.RequestDefeat(lead.OwnerId, DefeatReason.BudgetChanged, null, null,
                            "预算变了", App.Now));
                        break;
                    case 8:
                        var request = db.DefeatRequests.Single(r => r.LeadId == lead.Id && r.Decision == DefeatDecision.Pending);
                        if (random.Next(2) == 0)
                        {
                            lead.ApproveDefeat(request, _manager.Id, null, App.Now);
                        }
                        else
                        {
                            lead.ReturnFromDefeat(request, _manager.Id, "再跟", random.Next(2) == 0 ? null : owner,
                                today.AddDays(1), policy, today, App.Now);
                        }

                        break;
                    case 9:
                        lead.MakeDormant(_manager.Id, App.Now);
                        break;
                    default:
                        lead.Rescue(_manager.Id, owner, today.AddDays(2), "挽救", policy, today, App.Now);
                        break;
                }
            });
            return true;
        }
        catch (Exception e) when (e is DomainException or InvalidOperationException)
        {
            return false;
        }
    }
}
